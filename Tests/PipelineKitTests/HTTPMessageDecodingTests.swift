import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// WARC response records keep the bytes received; reading one back decodes them.
@Suite("HTTP messages kept as received, decoded on reading")
struct HTTPMessageDecodingTests {
    /// `data` in chunks of `size` bytes, with a chunk extension on the first line.
    static func chunked(_ data: Data, size: Int) -> Data {
        var out = Data()
        var start = 0
        while start < data.count {
            let piece = data[start..<min(start + size, data.count)]
            out +=
                Data("\(String(piece.count, radix: 16))\(start == 0 ? ";note=x" : "")\r\n".utf8) + piece
                + Data("\r\n".utf8)
            start += size
        }
        return out + Data("0\r\n\r\n".utf8)
    }

    static func message(_ headers: [(name: String, value: String)], _ body: Data) -> HTTPMessage {
        HTTPMessage(status: 200, startLine: "HTTP/1.1 200 OK", headers: headers, body: body)
    }

    @Test("a chunked gzip body as received decodes to the page, its headers kept as they came")
    func chunkedGzip() throws {
        let page = GzipTests.page
        let wire = Self.chunked(try GzipTests.gzip(page), size: 1000)
        let headers: [(name: String, value: String)] = [
            ("content-type", "text/html"), ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ]
        let decoded = try Self.message(headers, wire).decoded(limit: 1 << 20).get()
        #expect(decoded.body == page)
        #expect(decoded.headers.map(\.name) == ["content-type", "Transfer-Encoding", "Content-Encoding"])
    }

    @Test("a gzip bomb in a kept response stops at the limit, as a file's does")
    func bomb() throws {
        let bomb = try GzipTests.gzip(Data(count: 4 << 20))
        let result = Self.message([("Content-Encoding", "gzip")], bomb).decoded(limit: 1 << 20)
        #expect(throws: WebPageDecoding.DecodingFailure.self) { try result.get() }
        if case let .failure(failure) = result {
            #expect(failure.message == "decompresses to more than the 1 MB limit")
        }
        // Chunks adding up past the limit stop there too.
        let big = Self.message([("Transfer-Encoding", "chunked")], Self.chunked(Data(count: 3 << 20), size: 1 << 20))
        if case let .failure(failure) = big.decoded(limit: 2 << 20) {
            #expect(failure.message == "larger than the 2 MB limit")
        } else {
            Issue.record("3 MB of chunks passed a 2 MB limit")
        }
    }

    @Test("a chunked body cut short, a bad chunk size and an unknown coding are errors with the reason")
    func broken() {
        func reason(_ headers: [(name: String, value: String)], _ body: String) -> String? {
            if case let .failure(failure) = Self.message(headers, Data(body.utf8)).decoded(limit: 1 << 20) {
                return failure.message
            }
            return nil
        }
        #expect(reason([("Transfer-Encoding", "chunked")], "10\r\nshort") == "chunked body cut short")
        #expect(reason([("Transfer-Encoding", "chunked")], "zz\r\nabc\r\n0\r\n\r\n") == "bad chunk size `zz`")
        #expect(reason([("Content-Encoding", "br")], "....") == "content coding `br` is not supported")
        #expect(reason([("Content-Encoding", "identity")], "plain") == nil)
    }

    @Test("a chunked response's payload digest is of its joined chunks")
    func payloadDigest() throws {
        let body = Data("<p>Hello, harbour.</p>".utf8)
        let chunked = Self.message([("Transfer-Encoding", "chunked")], Self.chunked(body, size: 5))
        let plain = Self.message([("Content-Length", "\(body.count)")], body)
        func payloadDigest(_ message: HTTPMessage) throws -> String? {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString).warc")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try WARCWriter(url: url)
            try writer.write(
                WARCRecord(
                    type: "response", targetURI: "http://a.test/", date: Date(timeIntervalSince1970: 0),
                    contentType: "application/http;msgtype=response", block: message.serialized))
            try writer.close()
            guard case let .record(record, _)? = try WARCReader(url: url, maxRecordBytes: 1 << 20).next() else {
                return nil
            }
            return record["WARC-Payload-Digest"]
        }
        let digest = try payloadDigest(chunked)
        let plainDigest = try payloadDigest(plain)
        #expect(digest != nil && digest == plainDigest)
    }
}
