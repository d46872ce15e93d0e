import Foundation
import PipelineKit
import PipelineRuntime
import Testing

/// The daily pipeline on crawl files, as a user runs it.
@Suite("WARC input from the command line", .serialized)
struct WARCInputCLITests {
    static let captured = Timestamp.date(year: 2026, month: 11, day: 20, hour: 5, minute: 0)!

    /// Invented articles: a town, what happened there, and two paragraphs of detail.
    static let articles: [(town: String, event: String)] = [
        ("Marlow Bay", "the harbour ferry crews began a strike over rosters"),
        ("Eastwick", "the county library reopened after two years of repairs"),
        ("Tarnfield", "a hailstorm flattened the orchard harvest before picking"),
        ("Corran", "the rowing club won the regional regatta for the first time"),
        ("Lindenholt", "the council approved a night bus between the two stations"),
        ("Brackwater", "volunteers counted a record number of wintering geese"),
    ]

    static func html(_ index: Int, datedInPage: Bool) -> String {
        let (town, event) = articles[index]
        let meta = datedInPage ? "<meta property=\"article:published_time\" content=\"2026-11-19T08:00:00Z\">" : ""
        return """
            <html><head><title>\(town): news</title>\(meta)</head><body><article>
            <h1>In \(town), \(event)</h1>
            <p>Residents of \(town) said on Thursday that \(event), a change many of them had expected for months \
            and which several shopkeepers described as the most talked-about news of the autumn.</p>
            <p>Officials in \(town) gave no figures yet but promised a public meeting next week, where people \
            will be able to ask questions and read the plans that were drawn up over the summer.</p>
            <p>Local historians noted that nothing like it had happened in \(town) for decades, and that the \
            last comparable event was still remembered by older residents of the valley.</p>
            </article></body></html>
            """
    }

    /// Three crawl files of two articles each, with the records a crawler writes around them.
    static func writeCrawls(into inbox: URL) throws {
        for file in 0..<3 {
            let name = "CC-NEWS-\(file).warc" + (file == 1 ? "" : ".gz")
            let writer = try WARCWriter(url: inbox.appendingPathComponent(name))
            try writer.write(
                WARCRecord(
                    type: "warcinfo", targetURI: nil, date: captured, contentType: "application/warc-fields",
                    block: Data("software: pipe tests\r\n".utf8)))
            for index in [2 * file, 2 * file + 1] {
                let uri = "https://news.example/\(file)/article-\(index)"
                try writer.write(
                    WARCRecord(
                        type: "request", targetURI: uri, date: captured,
                        contentType: "application/http; msgtype=request",
                        block: Data("GET /\(index) HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)))
                let http = HTTPMessage(
                    status: 200, startLine: "HTTP/1.1 200 OK", headers: [("Content-Type", "text/html; charset=utf-8")],
                    body: Data(html(index, datedInPage: index == 0).utf8))
                try writer.write(
                    WARCRecord(
                        type: "response", targetURI: uri, date: captured,
                        contentType: "application/http; msgtype=response", block: http.serialized))
            }
            try writer.write(
                WARCRecord(
                    type: "metadata", targetURI: "https://news.example/\(file)/article-\(2 * file)", date: captured,
                    contentType: "application/warc-fields", block: Data("fetchTimeMs: 80\r\n".utf8)))
            if file == 2 {
                let missing = HTTPMessage(
                    status: 404, startLine: "HTTP/1.1 404 Not Found", headers: [("Content-Type", "text/html")],
                    body: Data("<p>No such page</p>".utf8))
                try writer.write(
                    WARCRecord(
                        type: "response", targetURI: "https://news.example/missing", date: captured,
                        contentType: "application/http; msgtype=response", block: missing.serialized))
                let image = HTTPMessage(
                    status: 200, startLine: "HTTP/1.1 200 OK", headers: [("Content-Type", "image/png")],
                    body: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]))
                try writer.write(
                    WARCRecord(
                        type: "response", targetURI: "https://news.example/logo.png", date: captured,
                        contentType: "application/http; msgtype=response", block: image.serialized))
            }
            try writer.close()
        }
    }

    func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where !name.hasSuffix(".report.json") && !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("pipe run reads crawl files into the digest, says what it skipped, and --shards 2 writes the same bytes")
    func dailyOnCrawls() throws {
        let folder = try CLI.temporaryFolder()
        let inbox = folder.appendingPathComponent("crawls")
        try Self.writeCrawls(into: inbox)
        let one = folder.appendingPathComponent("one")
        let common = ["pipelines/daily.yaml", "--input", inbox.path, "--no-state", "--date", "2026-11-20"]
        let result = try CLI.run(["run"] + common + ["--output", one.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            result.stderr.contains(
                "warc: 6 HTML responses read; skipped 6 request, 3 metadata, 3 warcinfo, 1 error status, 1 non-HTML\n"),
            "stderr: \(result.stderr)")
        let lines = try String(contentsOf: one.appendingPathComponent("daily-2026-11-20.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse($0) }
        #expect(lines.count == 6)
        let byID = Dictionary(uniqueKeysWithValues: lines.map { ($0["id"]?.stringValue ?? "", $0) })
        let first = try #require(byID["https://news.example/0/article-0"])
        #expect(first["url"]?.stringValue == "https://news.example/0/article-0")
        #expect(first["source"]?.stringValue?.hasPrefix("CC-NEWS-0.warc.gz@") == true)
        #expect(first["text"]?.stringValue?.contains("Residents of Marlow Bay said on Thursday") == true)
        // The page's own date wins over the capture time; a page without one is dated by its capture.
        #expect(first["published"]?.stringValue?.hasPrefix("2026-11-19T08:00") == true)
        #expect(
            byID["https://news.example/2/article-5"]?["published"]?.stringValue?.hasPrefix("2026-11-20T05:00") == true)
        let report = try JSONValue.parse(
            String(contentsOf: one.appendingPathComponent("daily-2026-11-20.report.json"), encoding: .utf8))
        #expect(report["warc"]?["skipped"]?["request"] == .int(6))
        #expect(report["warc"]?["documents"] == .int(6))

        let sharded = folder.appendingPathComponent("sharded")
        let shardedResult = try CLI.run(["run"] + common + ["--output", sharded.path, "--shards", "2"])
        #expect(shardedResult.status == 0, "stderr: \(shardedResult.stderr)")
        let expected = try files(one)
        #expect(expected.count >= 6)
        #expect(try files(sharded) == expected)
        let shardedReport = try JSONValue.parse(
            String(contentsOf: sharded.appendingPathComponent("daily-2026-11-20.report.json"), encoding: .utf8))
        #expect(shardedReport["warc"] == report["warc"])
    }

    @Test("with a state store, a second run skips the crawl's pages it already processed")
    func stateSkipsSeenPages() throws {
        let folder = try CLI.temporaryFolder()
        let inbox = folder.appendingPathComponent("crawls")
        try Self.writeCrawls(into: inbox)
        let state = ["PIPE_STATE": folder.appendingPathComponent("state.sqlite").path]
        let common = [
            "run", "pipelines/daily.yaml", "--input", inbox.path, "--output", folder.appendingPathComponent("out").path,
        ]
        let first = try CLI.run(common + ["--date", "2026-11-20"], environment: state)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try CLI.run(common + ["--date", "2026-11-21"], environment: state)
        #expect(
            second.stderr.contains("6 documents already processed on earlier days were skipped"), "\(second.stderr)")
    }
}
