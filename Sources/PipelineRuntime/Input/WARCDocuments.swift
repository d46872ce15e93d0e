import Foundation
import PipelineKit
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The documents of one WARC file, read a batch at a time as the records
/// come, so a crawl file of a gigabyte is never held whole (see ``UnitReading``).
///
/// Each `response` record of an HTML page with status 200 becomes one
/// document: its id and `url` the record's `WARC-Target-URI`, its source
/// `<file>@<offset>` (where to look), `published` the capture time
/// (`WARC-Date`, which a date in the page itself replaces when clean finds
/// one) and its body decoded as a fetched page's is (chunked transfer and
/// gzip/deflate content codings removed under the record limit, then the
/// HTTP charset, `<meta charset>`, UTF-8 or windows-1252). Every other record
/// is counted by what it was (``WARCCounts``) and passed over: requests,
/// metadata, `warcinfo`, revisits, resources, conversions, non-HTML bodies,
/// redirects and error pages, which are not articles. A record that cannot
/// be read (over the limit, an HTTP message that does not parse, a binary or
/// empty body) is set aside with its reason and offset, and reading goes on
/// with the next record; only a file whose next record cannot be found
/// (torn, damaged gzip, a decompression bomb) ends early, with one reject
/// saying where.
final class WARCDocuments: UnitReading {
    /// Documents handed to the stages at once: enough for one state-store lookup to pay, few enough to stay small.
    static let batchSize = 64

    private let reader: WARCReader?
    private let relative: String
    private let limit: Int
    private(set) var rest = UnitContent()
    private var counts = WARCCounts()

    /// Opens `url` (by `rawPath` when its name is not UTF-8); `limit` bounds each record and each decoded body.
    init(url: URL, relative: String, rawPath: [CChar]?, fileBytes: Int, limit: Int) {
        self.relative = relative
        self.limit = limit
        rest.bytes = fileBytes
        var opened: WARCReader?
        do {
            let handle: FileHandle
            if let rawPath {
                let descriptor = open(rawPath, O_RDONLY)
                guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            } else {
                handle = try FileHandle(forReadingFrom: url)
            }
            opened = try WARCReader(handle: handle, maxRecordBytes: limit)
        } catch {
            rest.rejects.append(
                Reject(
                    id: relative, source: relative, stage: "read", kind: .unreadable,
                    reason: "cannot read file: \(PipelineLoader.describe(error))"))
        }
        reader = opened
        rest.warc = counts
    }

    func next() -> [Document]? {
        var batch: [Document] = []
        while batch.count < Self.batchSize, let item = reader?.next() {
            switch item {
            case let .record(record, offset):
                let source = "\(relative)@\(offset)"
                switch Self.outcome(of: record, source: source, limit: limit) {
                case let .document(document):
                    counts.documents += 1
                    batch.append(document)
                case let .skipped(kind):
                    counts.skipped[kind, default: 0] += 1
                case let .bad(id, reason):
                    setAside(id: id, source: source, reason: reason)
                }
            case let .bad(reason, offset):
                let source = "\(relative)@\(offset)"
                setAside(id: source, source: source, reason: reason)
            }
        }
        rest.warc = counts
        return batch.isEmpty ? nil : batch
    }

    var fractionRead: Double? {
        guard let reader, rest.bytes > 0 else { return nil }
        return min(1, Double(reader.bytesRead) / Double(rest.bytes))
    }

    private func setAside(id: String, source: String, reason: String) {
        counts.setAside += 1
        rest.rejects.append(Reject(id: id, source: source, stage: "read", kind: .unreadable, reason: reason))
    }

    /// What one record is to a run.
    enum Outcome {
        case document(Document)
        /// Passed over, counted under this name.
        case skipped(String)
        /// Set aside: the id to name it by and why.
        case bad(id: String, reason: String)
    }

    /// The media types read as pages; a response without a `Content-Type` is read as HTML too, as the fetcher does.
    static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    /// What `record`, found at `source`, becomes.
    static func outcome(of record: WARCRecord, source: String, limit: Int) -> Outcome {
        let type = record.type?.lowercased() ?? ""
        guard type == "response" else { return .skipped(type.isEmpty ? "untyped" : type) }
        // WARC 1.0 writers may wrap the URI in angle brackets.
        let uri = (record.targetURI ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        guard !uri.isEmpty else { return .bad(id: source, reason: "response record without a WARC-Target-URI") }
        // DNS lookups and other non-HTTP captures are responses too.
        if let recordType = record["Content-Type"]?.lowercased(), !recordType.hasPrefix("application/http") {
            return .skipped("non-HTTP")
        }
        guard let message = HTTPMessage.parse(record.block), message.startLine.hasPrefix("HTTP/") else {
            return .bad(id: uri, reason: "the record's block is not an HTTP response")
        }
        switch message.status {
        case 200: break
        case 300...399: return .skipped("redirect")
        case 400...599: return .skipped("error status")
        default: return .skipped("other status")
        }
        let contentType = message["Content-Type"]
        let mediaType = (contentType?.split(separator: ";").first.map(String.init) ?? "")
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType.isEmpty || htmlTypes.contains(mediaType) else { return .skipped("non-HTML") }
        let body: Data
        switch message.decoded(limit: limit) {
        case let .success(decoded): body = decoded.body
        case let .failure(failure): return .bad(id: uri, reason: "the HTTP body cannot be read: \(failure.message)")
        }
        let text: String
        let note: String?
        do {
            (text, note) = try WebPageDecoding.decode(body, contentType: contentType, html: true)
        } catch {
            return .bad(id: uri, reason: "the page cannot be decoded: \(error.message)")
        }
        // Stops at the first visible character.
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            return .bad(id: uri, reason: "the page is empty")
        }
        var document = Document(
            id: uri, source: source, url: uri, raw: text, mediaType: .html, published: record.date)
        if let note { document.attributes["encoding"] = .string(note) }
        if let date = record.date { document.attributes["fetched"] = .string(Timestamp.iso8601(date)) }
        return .document(document)
    }
}
