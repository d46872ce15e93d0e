import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Builds WARC fixtures with our own writer: crawl records as a crawler writes them.
enum WARCFixture {
    static let date = Timestamp.date(year: 2026, month: 11, day: 20, hour: 6, minute: 30)!

    /// A `response` record of an HTTP response with `headers` and `body`.
    static func response(
        _ uri: String, status: String = "200 OK", headers: [(String, String)] = [("Content-Type", "text/html")],
        body: Data, date: Date = date
    ) -> WARCRecord {
        let http = HTTPMessage(status: 0, startLine: "HTTP/1.1 \(status)", headers: headers, body: body)
        return WARCRecord(
            type: "response", targetURI: uri, date: date, contentType: "application/http; msgtype=response",
            block: http.serialized)
    }

    /// An HTML page response whose body is `<p>text</p>`.
    static func page(_ uri: String, _ text: String, date: Date = date) -> WARCRecord {
        response(
            uri, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: Data("<html><body><p>\(text)</p></body></html>".utf8), date: date)
    }

    static func request(_ uri: String) -> WARCRecord {
        WARCRecord(
            type: "request", targetURI: uri, date: date, contentType: "application/http; msgtype=request",
            block: Data("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8))
    }

    static func metadata(_ uri: String) -> WARCRecord {
        WARCRecord(
            type: "metadata", targetURI: uri, date: date, contentType: "application/warc-fields",
            block: Data("fetchTimeMs: 120\r\n".utf8))
    }

    static func warcinfo() -> WARCRecord {
        WARCRecord(
            type: "warcinfo", targetURI: nil, date: date, contentType: "application/warc-fields",
            block: Data("software: pipe tests\r\nformat: WARC File Format 1.1\r\n".utf8))
    }

    /// Writes `records` to `name` in `folder` and returns each record's offset.
    @discardableResult
    static func write(_ records: [WARCRecord], to name: String, in folder: URL) throws -> [UInt64] {
        let writer = try WARCWriter(url: folder.appendingPathComponent(name))
        let offsets = try records.map { try writer.write($0) }
        try writer.close()
        return offsets
    }

    static func gzip(_ data: Data) throws -> Data { try GzipTests.gzip(data) }
}

@Suite("WARC input")
struct WARCInputTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("warcinput")
    }

    func read(_ path: String = ".", maxMB: Int = 20) -> InputReader.Result {
        folder.readInput(path, maxMB: maxMB)
    }

    @Test("`.warc` and `.warc.gz` are the WARC format, case-blind")
    func format() {
        #expect(InputFormat(fileName: "crawl.warc") == .warc)
        #expect(InputFormat(fileName: "CC-NEWS-20261120.warc.gz") == .warc)
        #expect(InputFormat(fileName: "a/B.WARC.GZ") == .warc)
        #expect(InputFormat(fileName: "crawl.warc.zst") == nil)
        #expect(InputFormat.extensions.contains(".warc"))
    }

    /// A crawl with every kind of record the reader must tell apart, in this order.
    func crawl() throws -> [WARCRecord] {
        let cp1252 =
            Data("<html><body><p>Caf".utf8) + Data([0xE9, 0x20, 0x93]) + Data("quoted".utf8)
            + Data([0x94]) + Data("</p></body></html>".utf8)
        let gzipped = try WARCFixture.gzip(Data("<html><body><p>Compressed ferry report</p></body></html>".utf8))
        let pdf = Data("%PDF-1.7\n".utf8) + Data([0x00, 0xFF, 0x10, 0x80])
        return [
            WARCFixture.warcinfo(),
            WARCFixture.request("https://news.example/ferry"),
            WARCFixture.page("https://news.example/ferry", "Ferry strike enters third day"),
            WARCFixture.metadata("https://news.example/ferry"),
            WARCFixture.response(
                "https://news.example/report.pdf", headers: [("Content-Type", "application/pdf")], body: pdf),
            WARCFixture.response(
                "https://news.example/gone", status: "404 Not Found", body: Data("<p>Not found</p>".utf8)),
            WARCFixture.response(
                "https://news.example/old", status: "301 Moved Permanently",
                headers: [("Location", "https://news.example/ferry"), ("Content-Type", "text/html")],
                body: Data()),
            WARCFixture.response(
                "https://news.example/cafe", headers: [("Content-Type", "text/html; charset=windows-1252")],
                body: cp1252),
            WARCFixture.response(
                "https://news.example/zipped",
                headers: [("Content-Type", "application/xhtml+xml"), ("Content-Encoding", "gzip")], body: gzipped),
            WARCFixture.page("https://news.example/ferry", "A later capture of the same address"),
        ]
    }

    @Test(
        "HTML 200 responses become documents keyed by target URI; other records are counted, not read",
        arguments: ["crawl.warc", "crawl.warc.gz"])
    func crawlRecords(name: String) throws {
        let offsets = try WARCFixture.write(try crawl(), to: name, in: folder)
        let result = read()
        #expect(
            result.documents.map(\.id) == [
                "https://news.example/cafe", "https://news.example/ferry", "https://news.example/zipped",
            ])
        let byID = Dictionary(uniqueKeysWithValues: result.documents.map { ($0.id, $0) })
        let ferry = try #require(byID["https://news.example/ferry"])
        // The first capture of an address is kept; the later one is set aside naming it.
        #expect(ferry.raw?.contains("Ferry strike enters third day") == true)
        #expect(ferry.url == "https://news.example/ferry")
        #expect(ferry.source == "\(name)@\(offsets[2])")
        #expect(ferry.published == WARCFixture.date)
        #expect(ferry.mediaType == .html)
        // windows-1252 from the HTTP Content-Type: é and curly quotes.
        #expect(byID["https://news.example/cafe"]?.raw?.contains("Café \u{201C}quoted\u{201D}") == true)
        // A gzip content coding is inflated.
        #expect(byID["https://news.example/zipped"]?.raw?.contains("Compressed ferry report") == true)
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.id == "https://news.example/ferry")
        #expect(result.rejects.first?.reason == "duplicate id `https://news.example/ferry` (earlier in the same file)")
        let counts = try #require(result.warc)
        #expect(counts.documents == 4)
        #expect(
            counts.skipped == [
                "warcinfo": 1, "request": 1, "metadata": 1, "non-HTML": 1, "error status": 1, "redirect": 1,
            ])
        #expect(counts.setAside == 0)
        #expect(
            counts.summary
                == "4 HTML responses read; skipped 1 error status, 1 metadata, 1 non-HTML, 1 redirect, 1 request, 1 warcinfo"
        )
        #expect(result.files == 1)
    }

    @Test("plain WARC records are found at their exact offsets")
    func plainOffsets() throws {
        let offsets = try WARCFixture.write(
            [
                WARCFixture.warcinfo(), WARCFixture.page("https://a.example/1", "one"),
                WARCFixture.page("https://a.example/2", "two"),
            ],
            to: "a.warc", in: folder)
        let result = read()
        #expect(result.documents.map(\.source) == ["a.warc@\(offsets[1])", "a.warc@\(offsets[2])"])
        // The offset is where the record's `WARC/1.1` line starts.
        let bytes = try Data(contentsOf: folder.appendingPathComponent("a.warc"))
        #expect(String(decoding: bytes[Int(offsets[2])..<Int(offsets[2]) + 9], as: UTF8.self) == "WARC/1.1\r")
    }

    @Test(
        "a record over max_file_mb is set aside with its offset; the records around it are read",
        arguments: ["big.warc", "big.warc.gz"])
    func oversizedRecord(name: String) throws {
        let huge = Data(String(repeating: "Harbour news. ", count: 100_000).utf8)  // 1.4 MB
        let offsets = try WARCFixture.write(
            [
                WARCFixture.page("https://a.example/before", "before"),
                WARCFixture.response("https://a.example/huge", body: huge),
                WARCFixture.page("https://a.example/after", "after"),
            ],
            to: name, in: folder)
        let result = read(maxMB: 1)
        #expect(result.documents.map(\.id) == ["https://a.example/after", "https://a.example/before"])
        #expect(result.rejects.count == 1)
        let reject = try #require(result.rejects.first)
        #expect(reject.source == "\(name)@\(offsets[1])")
        #expect(reject.reason.contains("https://a.example/huge"))
        #expect(reject.reason.contains("over the 1048576-byte limit"))
        #expect(result.warc?.setAside == 1)
    }

    @Test("a WARC file larger than max_file_mb is read when each record is under it")
    func fileLargerThanLimit() throws {
        let text = String(repeating: "Ferry timetables change on Monday. ", count: 25_000)  // 0.875 MB
        try WARCFixture.write(
            (1...3).map { WARCFixture.page("https://a.example/\($0)", text) }, to: "large.warc", in: folder)
        let size = try #require(
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("large.warc").path)[.size]
                as? Int)
        #expect(size > 2 * 1_048_576)
        let result = read(maxMB: 1)
        #expect(result.documents.count == 3)
        #expect(result.rejects.isEmpty)
        #expect(result.bytes == size)
        // A page saved as a file of the same size is refused whole, as before.
        try folder.write("page.html", "<p>" + text + text + "</p>")
        #expect(read(maxMB: 1).rejects.map(\.id) == ["page.html"])
    }

    @Test("a torn last record ends the file with one reject; every record before it is read", arguments: [false, true])
    func tornLastRecord(gzipped: Bool) throws {
        let name = gzipped ? "torn.warc.gz" : "torn.warc"
        let url = folder.appendingPathComponent(name)
        let offsets = try WARCFixture.write(
            [
                WARCFixture.page("https://a.example/1", "one"), WARCFixture.page("https://a.example/2", "two"),
                WARCFixture.page("https://a.example/3", "three"),
            ],
            to: name, in: folder)
        // Cut the last record in half, as a crawler killed mid-write leaves it.
        let bytes = try Data(contentsOf: url)
        let cut = Int(offsets[2]) + (bytes.count - Int(offsets[2])) / 2
        try bytes.prefix(cut).write(to: url)
        let result = read()
        #expect(result.documents.map(\.id) == ["https://a.example/1", "https://a.example/2"])
        #expect(result.rejects.count == 1)
        let reject = try #require(result.rejects.first)
        #expect(reject.source == "\(name)@\(offsets[2])")
        #expect(reject.reason.hasSuffix("the rest of the file is not read"))
        #expect(reject.reason.contains(gzipped ? "truncated gzip member" : "torn record"))
    }

    @Test("bad records are set aside with their reason and offset, and reading goes on")
    func badRecords() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]) + Data(count: 64)
        let notHTTP = WARCRecord(
            type: "response", targetURI: "https://a.example/garbled", date: WARCFixture.date,
            contentType: "application/http; msgtype=response", block: Data("no header section at all".utf8))
        let offsets = try WARCFixture.write(
            [
                WARCFixture.page("https://a.example/1", "one"),
                notHTTP,
                WARCFixture.response("https://a.example/binary", body: png),
                WARCFixture.response(
                    "https://a.example/badzip", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                    body: Data("not gzip".utf8)),
                WARCFixture.response("https://a.example/empty", body: Data("  \n ".utf8)),
                WARCFixture.page("https://a.example/2", "two"),
            ], to: "bad.warc.gz", in: folder)
        let result = read()
        #expect(result.documents.map(\.id) == ["https://a.example/1", "https://a.example/2"])
        let rejects = Dictionary(uniqueKeysWithValues: result.rejects.map { ($0.id, $0) })
        #expect(rejects.count == 4)
        #expect(rejects["https://a.example/garbled"]?.reason == "the record's block is not an HTTP response")
        #expect(rejects["https://a.example/garbled"]?.source == "bad.warc.gz@\(offsets[1])")
        #expect(rejects["https://a.example/binary"]?.reason.hasPrefix("the page cannot be decoded: ") == true)
        #expect(rejects["https://a.example/binary"]?.source == "bad.warc.gz@\(offsets[2])")
        #expect(rejects["https://a.example/badzip"]?.reason.hasPrefix("the HTTP body cannot be read: ") == true)
        #expect(rejects["https://a.example/empty"]?.reason == "the page is empty")
        #expect(result.rejects.allSatisfy { $0.stage == "read" && $0.kind == .unreadable })
        #expect(result.warc?.setAside == 4)
        #expect(result.warc?.documents == 2)
    }

    @Test("a record without Content-Length ends the file: the records before it are read, one reject says where")
    func missingLength() throws {
        let url = folder.appendingPathComponent("nolength.warc")
        let offsets = try WARCFixture.write(
            [WARCFixture.page("https://a.example/1", "one")], to: "nolength.warc", in: folder)
        var bytes = try Data(contentsOf: url)
        let start = bytes.count
        bytes += Data(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/2\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n"
                .utf8)
        try bytes.write(to: url)
        let result = read()
        #expect(result.documents.map(\.id) == ["https://a.example/1"])
        #expect(offsets == [0])
        #expect(result.rejects.map(\.source) == ["nolength.warc@\(start)"])
        #expect(
            result.rejects.first?.reason == "record without a valid Content-Length; the rest of the file is not read")
    }

    @Test("a chunked response body is joined; a response without Content-Type is read as HTML, as the fetcher does")
    func chunkedAndUntyped() throws {
        let chunked = Data("6\r\n<p>Chu\r\n9\r\nnked</p>\n\r\n0\r\n\r\n".utf8)
        try WARCFixture.write(
            [
                WARCFixture.response(
                    "https://a.example/chunked",
                    headers: [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], body: chunked),
                WARCFixture.response("https://a.example/untyped", headers: [], body: Data("<p>No type</p>".utf8)),
            ], to: "c.warc", in: folder)
        let result = read()
        #expect(result.documents.map(\.raw) == ["<p>Chunked</p>\n", "<p>No type</p>"])
        #expect(result.rejects.isEmpty)
    }

    @Test("a WARC unit gives its documents 64 at a time, in input order")
    func batches() throws {
        try WARCFixture.write(
            (0..<150).map { WARCFixture.page("https://a.example/\($0)", "page \($0)") }, to: "many.warc.gz",
            in: folder)
        let units = InputReader(options: InputOptions(path: ".")).units(path: ".", base: folder)
        let unit = units.stream(0)
        var sizes: [Int] = []
        var ids: [String] = []
        while let batch = unit.next() {
            sizes.append(batch.count)
            ids += batch.map(\.id)
        }
        #expect(sizes == [64, 64, 22])
        #expect(ids == (0..<150).map { "https://a.example/\($0)" })
        #expect(unit.rest.documents.isEmpty)
        #expect(unit.rest.warc?.documents == 150)
    }

    @Test("files of other formats are still read whole, as one batch")
    func otherFormatsWhole() throws {
        try folder.write("a.jsonl", (0..<100).map { "{\"id\": \"d\($0)\", \"text\": \"t\"}" }.joined(separator: "\n"))
        let units = InputReader(options: InputOptions(path: ".")).units(path: ".", base: folder)
        let unit = units.stream(0)
        #expect(unit.next()?.count == 100)
        #expect(unit.next() == nil)
        #expect(unit.rest.warc == nil)
    }
}

@Suite("WARC reader across read chunks")
struct WARCChunkTests {
    /// Bytes that do not compress, the same every time.
    static let noise: Data = {
        var state: UInt64 = 25
        return Data(
            (0..<300_000).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            })
    }()

    static func blob(_ count: Int) -> WARCRecord {
        WARCRecord(
            type: "resource", targetURI: "https://a.example/blob", date: WARCFixture.date,
            contentType: "application/octet-stream", block: noise.prefix(count))
    }

    /// The bytes `record` takes in a file, gzipped or not.
    static func stored(_ record: WARCRecord, gzip: Bool) throws -> Int {
        let bytes = WARCWriter.serialize(record)
        return gzip ? try WARCWriter.gzipMember(bytes).count : bytes.count
    }

    @Test(
        "a record whose header lines straddle a 256 KiB read is read whole, and so is the next",
        arguments: ["a.warc", "a.warc.gz"])
    func headerAcrossChunks(name: String) throws {
        let folder = try temporaryFolder("warcchunks")
        let gzip = name.hasSuffix(".gz")
        // The reader takes the file 262,144 bytes at a time: the first record's size moves the
        // second's header lines across that boundary (of the file, or of the compressed bytes
        // whose output stops mid-member) a few bytes at a time.
        let overhead = try Self.stored(Self.blob(200_000), gzip: gzip) - 200_000
        for shift in stride(from: 0, to: 300, by: 23) {
            let url = folder.appendingPathComponent("\(shift)-" + name)
            let first = Self.blob(262_144 - overhead - 150 + shift)
            try WARCFixture.write(
                [
                    first, WARCFixture.page("https://a.example/second", "two"),
                    WARCFixture.page("https://a.example/third", "3"),
                ], to: url.lastPathComponent, in: folder)
            let reader = try WARCReader(url: url, maxRecordBytes: 1 << 20)
            var uris: [String] = []
            while let item = reader.next() {
                guard case let .record(record, _) = item else {
                    Issue.record("shift \(shift): \(item)")
                    break
                }
                uris.append(record.targetURI ?? "?")
            }
            #expect(
                uris == ["https://a.example/blob", "https://a.example/second", "https://a.example/third"],
                "shift \(shift)")
        }
    }
}
