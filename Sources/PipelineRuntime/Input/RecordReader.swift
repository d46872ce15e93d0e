import Foundation
import PipelineKit

/// Reads `.jsonl` lines and `.json` files of article records:
/// `{"id", "url"?, "title"?, "published"?, "author"?, "site"?, "language"?, "text"? | "html"?}`.
/// Other fields are kept as attributes.
struct RecordReader {
    let fileID: String
    let source: String

    static let knownFields: Set<String> = [
        "id", "url", "title", "published", "author", "site", "language", "text", "html",
    ]

    /// Why JSON text did not parse, in words: a number too large for a
    /// 64-bit float (`1e400`) is named; anything else is "not valid JSON".
    static func whyInvalid(_ text: some StringProtocol) -> String {
        if let number = outOfRangeNumber(in: text) {
            return "number \(number) is out of range (beyond what a 64-bit float holds)"
        }
        return "not valid JSON"
    }

    /// The first number outside strings that a Double cannot hold.
    static func outOfRangeNumber(in text: some StringProtocol) -> String? {
        let bytes = Array(text.utf8)
        var index = 0, inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, "0123456789+-.eE".utf8.contains(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            if let value = Double(token), !value.isFinite { return token }
        }
        return nil
    }

    func readLines(_ text: String) -> ([Document], [Reject]) {
        var documents: [Document] = []
        var rejects: [Reject] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let fallbackID = "\(fileID):\(lineNumber)"
            do {
                let value = try JSONValue.parse(line)
                switch document(from: value, fallbackID: fallbackID) {
                case let .success(document): documents.append(document)
                case let .failure(reason):
                    rejects.append(
                        Reject(
                            id: fallbackID, source: source, stage: "read", kind: .unreadable,
                            reason: "line \(lineNumber): \(reason)"))
                }
            } catch {
                rejects.append(
                    Reject(
                        id: fallbackID, source: source, stage: "read", kind: .unreadable,
                        reason: "line \(lineNumber): \(Self.whyInvalid(line))"))
            }
        }
        return (documents, rejects)
    }

    /// A `.json` file: one record, an array of records, or `{"documents": [...]}`.
    func readJSON(_ text: String) -> ([Document], [Reject]) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            return (
                [],
                [Reject(id: fileID, source: source, stage: "read", kind: .unreadable, reason: Self.whyInvalid(text))]
            )
        }
        let records: [JSONValue]
        switch value {
        case let .array(items): records = items
        case .object:
            if case let .array(items)? = value["documents"] { records = items } else { records = [value] }
        default:
            return (
                [],
                [
                    Reject(
                        id: fileID, source: source, stage: "read", kind: .unreadable,
                        reason: "expected an article object or a list of them")
                ]
            )
        }
        var documents: [Document] = []
        var rejects: [Reject] = []
        for (index, record) in records.enumerated() {
            let fallbackID = records.count == 1 ? fileID : "\(fileID)#\(index + 1)"
            switch document(from: record, fallbackID: fallbackID) {
            case let .success(document): documents.append(document)
            case let .failure(reason):
                rejects.append(
                    Reject(
                        id: fallbackID, source: source, stage: "read", kind: .unreadable,
                        reason: "record \(index + 1): \(reason)"))
            }
        }
        return (documents, rejects)
    }

    private func document(from value: JSONValue, fallbackID: String) -> Result<Document, RecordProblem> {
        guard case let .object(pairs) = value else { return .failure("expected an object") }
        func string(_ key: String) -> String? {
            guard let field = value[key] else { return nil }
            switch field {
            case let .string(text): return text
            case let .int(number): return String(number)
            default: return nil
            }
        }
        let id = string("id").flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID
        let html = string("html")
        let text = string("text")
        guard html != nil || text != nil else { return .failure("has neither `text` nor `html`") }
        var document = Document(
            id: id, source: id, url: string("url"), raw: html ?? text,
            mediaType: html != nil ? .html : .text)
        document.title = string("title")
        document.author = string("author")
        document.site = string("site")
        document.language = string("language")
        if let published = string("published") {
            guard let date = Timestamp.parse(published) else {
                return .failure(RecordProblem("`published` is not a date: \(published)"))
            }
            document.published = date
        }
        for (key, field) in pairs where !Self.knownFields.contains(key) {
            document.attributes[key] = field
        }
        document.attributes["file"] = .string(source)
        return .success(document)
    }
}

struct RecordProblem: Error, ExpressibleByStringLiteral {
    let text: String
    init(stringLiteral value: String) { text = value }
    init(_ text: String) { self.text = text }
}

extension RecordProblem: CustomStringConvertible {
    var description: String { text }
}
