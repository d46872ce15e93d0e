import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("WARC writer and reader")
struct WARCTests {
    let date = Timestamp.date(year: 2026, month: 11, day: 20, hour: 6, minute: 30)!

    func temporaryFile(_ name: String) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warc-\(UUID().uuidString)")
        return folder.appendingPathComponent(name)
    }

    func response(_ uri: String, body: String, status: String = "200 OK") -> WARCRecord {
        let http = HTTPMessage(
            status: 200, startLine: "HTTP/1.1 \(status)",
            headers: [("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"v1\"")],
            body: Data(body.utf8))
        return WARCRecord(
            type: "response", targetURI: uri, date: date, contentType: "application/http;msgtype=response",
            block: http.serialized)
    }

    func readAll(_ url: URL, limit: Int = 1 << 20) throws -> [WARCReader.Item] {
        let reader = try WARCReader(url: url, maxRecordBytes: limit)
        var items: [WARCReader.Item] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    @Test("SHA-1 and base 32 match the published test vectors")
    func digests() {
        let abc = SHA1.digest(Data("abc".utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(abc == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = SHA1.digest(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).map {
            String(format: "%02x", $0)
        }.joined()
        #expect(long == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        var million = SHA1()
        million.update(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(
            million.finalize().map { String(format: "%02x", $0) }.joined() == "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        )
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
        #expect(Base32.encode(Array("f".utf8)) == "MY======")
    }

    @Test("a record is written as WARC 1.1 with id, length and digests")
    func serialization() throws {
        let text = String(
            decoding: WARCWriter.serialize(response("http://e.example/a", body: "<p>hi</p>")), as: UTF8.self)
        #expect(text.hasPrefix("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:"))
        #expect(text.contains("WARC-Target-URI: http://e.example/a\r\n"))
        #expect(text.contains("WARC-Date: 2026-11-20T06:30:00Z\r\n"))
        #expect(
            text.contains("WARC-Payload-Digest: sha1:" + Base32.encode(SHA1.digest(Data("<p>hi</p>".utf8))) + "\r\n"))
        let block = response("http://e.example/a", body: "<p>hi</p>").block
        #expect(text.contains("Content-Length: \(block.count)\r\n\r\nHTTP/1.1 200 OK\r\n"))
        #expect(text.hasSuffix("<p>hi</p>\r\n\r\n"))
        // The id comes from the content: the same record gets the same id, another one another.
        let again = String(
            decoding: WARCWriter.serialize(response("http://e.example/a", body: "<p>hi</p>")), as: UTF8.self)
        #expect(again == text)
        let other = String(
            decoding: WARCWriter.serialize(response("http://e.example/b", body: "<p>hi</p>")), as: UTF8.self)
        #expect(other != text)
    }

    @Test(
        "records written to .warc and .warc.gz read back identical, with their offsets",
        arguments: ["a.warc", "a.warc.gz"])
    func roundTrip(name: String) throws {
        let url = temporaryFile(name)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try WARCWriter(url: url)
        let request = WARCRecord(
            type: "request", targetURI: "http://e.example/a", date: date,
            contentType: "application/http;msgtype=request",
            block: Data("GET /a HTTP/1.1\r\nHost: e.example\r\n\r\n".utf8))
        let big = String(repeating: "Ferry strike enters third day. ", count: 20_000)
        var offsets: [UInt64] = []
        offsets.append(try writer.write(request))
        offsets.append(try writer.write(response("http://e.example/a", body: "<p>one</p>")))
        offsets.append(try writer.write(response("http://e.example/b", body: big)))
        try writer.close()
        let items = try readAll(url)
        #expect(items.count == 3)
        var records: [WARCRecord] = []
        for (index, item) in items.enumerated() {
            guard case let .record(record, offset) = item else {
                Issue.record("bad item \(item)")
                continue
            }
            records.append(record)
            if name.hasSuffix(".gz") { #expect(offset == offsets[index]) }
        }
        #expect(records.map(\.type) == ["request", "response", "response"])
        #expect(records[1].targetURI == "http://e.example/a")
        #expect(records[1].date == date)
        #expect(HTTPMessage.parse(records[2].block)?.body == Data(big.utf8))
        #expect(HTTPMessage.parse(records[1].block)?["etag"] == "\"v1\"")
        #expect(HTTPMessage.parse(records[1].block)?.status == 200)
        if name.hasSuffix(".gz") {
            // Each record is its own gzip member: reading from an offset starts at that record.
            let reader = try WARCReader(url: url, maxRecordBytes: 1 << 20, offset: offsets[2])
            guard case let .record(third, _)? = reader.next() else {
                Issue.record("no record at offset")
                return
            }
            #expect(third.targetURI == "http://e.example/b")
            // And the whole file is ordinary gzip that zlib reads in one go.
            let inflated = try #require(try? Gzip.streaming(Data(contentsOf: url), limit: 1 << 24).get())
            #expect(String(decoding: inflated.prefix(8), as: UTF8.self) == "WARC/1.1")
        }
    }

    @Test("an oversized record is passed over with its reason and the next one is read")
    func oversizedRecord() throws {
        let url = temporaryFile("big.warc.gz")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try WARCWriter(url: url)
        try writer.write(response("http://e.example/huge", body: String(repeating: "x", count: 300_000)))
        try writer.write(response("http://e.example/small", body: "<p>ok</p>"))
        try writer.close()
        let items = try readAll(url, limit: 100_000)
        #expect(items.count == 2)
        if case let .bad(reason, _) = items[0] {
            #expect(reason.contains("http://e.example/huge") && reason.contains("over the 100000-byte limit"))
        } else {
            Issue.record("not bad")
        }
        if case let .record(record, _) = items[1] {
            #expect(record.targetURI == "http://e.example/small")
        } else {
            Issue.record("not a record")
        }
    }

    @Test("a torn last record and a file that is not WARC end with a reason after the good records")
    func damagedFiles() throws {
        let url = temporaryFile("torn.warc")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var bytes = WARCWriter.serialize(response("http://e.example/a", body: "<p>one</p>"))
        bytes += WARCWriter.serialize(response("http://e.example/b", body: "<p>two</p>")).dropLast(12)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        let items = try readAll(url)
        #expect(items.count == 2)
        if case let .bad(reason, _) = items[1] {
            #expect(reason.contains("torn record block"))
        } else {
            Issue.record("not bad")
        }

        let notWARC = url.deletingLastPathComponent().appendingPathComponent("x.warc")
        try Data("<html>not a warc</html>\n".utf8).write(to: notWARC)
        let other = try readAll(notWARC)
        #expect(other.count == 1)
        if case let .bad(reason, _) = other[0] {
            #expect(reason.contains("expected a `WARC/1.x` line"))
        } else {
            Issue.record("not bad")
        }
    }
}
