import Foundation
import PipelineKit

/// One WARC 1.1 record: named header fields and a block of bytes.
///
/// A `response` record's block is the HTTP response as received (status
/// line, headers, blank line, body), a `request` record's the request sent;
/// `Content-Length` is the block's length and is written by ``WARCWriter``.
public struct WARCRecord: Sendable, Equatable {
    /// Header fields in order, names as written.
    public var headers: [(name: String, value: String)]
    public var block: Data

    public init(headers: [(name: String, value: String)], block: Data) {
        self.headers = headers
        self.block = block
    }

    /// A record of `type` for `targetURI` at `date`; the writer adds the id, length and digests.
    public init(
        type: String, targetURI: String?, date: Date, contentType: String?, block: Data,
        extra: [(name: String, value: String)] = []
    ) {
        var headers: [(name: String, value: String)] = [("WARC-Type", type)]
        if let targetURI { headers.append(("WARC-Target-URI", targetURI)) }
        headers.append(("WARC-Date", Timestamp.iso8601(date)))
        if let contentType { headers.append(("Content-Type", contentType)) }
        headers += extra
        self.init(headers: headers, block: block)
    }

    /// The first value of a header field, compared case-insensitively.
    public subscript(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `response`, `request`, `metadata`, `warcinfo`…
    public var type: String? { self["WARC-Type"] }
    public var targetURI: String? { self["WARC-Target-URI"] }
    public var date: Date? { self["WARC-Date"].flatMap(Timestamp.parse) }
    public var recordID: String? { self["WARC-Record-ID"] }

    public static func == (lhs: WARCRecord, rhs: WARCRecord) -> Bool {
        lhs.block == rhs.block
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}

/// An HTTP/1.x message as kept in a WARC block.
public struct HTTPMessage: Sendable, Equatable {
    /// The status code of a response (0 for a request).
    public var status: Int
    /// The start line (`HTTP/1.1 200 OK`, `GET /a HTTP/1.1`).
    public var startLine: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, startLine: String, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.startLine = startLine
        self.headers = headers
        self.body = body
    }

    public subscript(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The message as bytes: start line, headers, CRLF, body.
    public var serialized: Data {
        var head = startLine + "\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Data(head.utf8) + body
    }

    /// Parses a block; nil when it has no header section.
    public static func parse(_ block: Data) -> HTTPMessage? {
        guard let end = block.firstRange(of: Data("\r\n\r\n".utf8)) ?? block.firstRange(of: Data("\n\n".utf8)) else {
            return nil
        }
        let head = String(decoding: block[block.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard !lines.isEmpty else { return nil }
        let startLine = lines.removeFirst()
        var status = 0
        if startLine.hasPrefix("HTTP/") {
            let parts = startLine.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, let code = Int(parts[1]) else { return nil }
            status = code
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        return HTTPMessage(status: status, startLine: startLine, headers: headers, body: Data(block[end.upperBound...]))
    }

    public static func == (lhs: HTTPMessage, rhs: HTTPMessage) -> Bool {
        lhs.serialized == rhs.serialized
    }
}
