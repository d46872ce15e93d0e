import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Fetch

@Suite("web source: feeds to documents, replay")
struct WebSourceTests {
    static let feedA = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Ledger</title>
        <item><title>Ferry strike, day three</title><link>http://a.test/ferry?utm_source=rss#top</link>
          <pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate><author>Ana Ruiz</author><description>Feed summary.</description></item>
        <item><title>Gone page</title><link>http://a.test/gone</link>
          <pubDate>Fri, 20 Nov 2026 05:00:00 GMT</pubDate><description>The feed's own text about the gone page.</description></item>
        <item><title>Last month</title><link>http://a.test/old</link><pubDate>Sat, 10 Oct 2026 05:00:00 GMT</pubDate></item>
        <item><title>Picture</title><link>http://a.test/picture</link><pubDate>Fri, 20 Nov 2026 04:00:00 GMT</pubDate></item>
        </channel></rss>
        """
    static let feedB = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Other</title>
        <item><title>Same story elsewhere</title><link>HTTP://A.test:80/ferry</link><pubDate>Fri, 20 Nov 2026 07:00:00 GMT</pubDate></item>
        </channel></rss>
        """

    func transport() -> ScriptedTransport {
        ScriptedTransport { url, _, _ in
            switch url {
            case "http://a.test/robots.txt", "http://b.test/robots.txt": ScriptedTransport.status(404)
            case "http://a.test/feed.xml":
                ScriptedTransport.ok(Self.feedA, [("Content-Type", "application/rss+xml"), ("ETag", "\"f1\"")])
            case "http://b.test/feed.xml": ScriptedTransport.ok(Self.feedB, [("Content-Type", "application/rss+xml")])
            case "http://a.test/ferry":
                ScriptedTransport.ok(
                    "<html><head><title>Ferry</title></head><body><p>caf\u{e9}</p></body></html>",
                    [("Content-Type", "text/html; charset=utf-8")])
            case "http://a.test/picture":
                .success(
                    TransportResponse(status: 200, headers: [("Content-Type", "image/png")], body: Data([0x89, 0x50])))
            default: ScriptedTransport.status(404)
            }
        }
    }

    func source(_ folder: URL, offline: Bool, transport: ScriptedTransport) throws -> WebSource {
        var web = WebInputOptions()
        web.feeds = [WebURL("http://a.test/feed.xml"), WebURL("http://b.test/feed.xml")]
        web.windowHours = 24
        var options = FetchOptions()
        options.delay = 0
        options.retry = RetryPolicy(maxAttempts: 1)
        let store = try ReplayStore(folder: folder, runDate: "2026-11-20")
        return WebSource(
            options: web, store: store, fetcher: offline ? nil : Fetcher(options: options, transport: transport),
            maxBytes: 1 << 20)
    }

    func encoded(_ documents: [Document]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(documents)
    }

    @Test(
        "the day's items become documents with canonical ids; a failed page falls back to the feed's text with a note")
    func feedsToDocuments() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = transport()
        let (documents, rejects) = try await source(folder, offline: false, transport: transport).documents(
            runDate: "2026-11-20")
        #expect(documents.map(\.id) == ["http://a.test/ferry", "http://a.test/gone"])
        let ferry = try #require(documents.first)
        #expect(
            ferry.title == "Ferry strike, day three" && ferry.author == "Ana Ruiz" && ferry.site == "Harbour Ledger")
        #expect(ferry.raw?.contains("café") == true && ferry.mediaType == .html)
        #expect(ferry.attributes["feed"] == .string("http://a.test/feed.xml"))
        let gone = documents[1]
        #expect(gone.raw == "The feed's own text about the gone page.")
        #expect(
            gone.attributes["fetch_note"] == .string("article page unavailable (HTTP 404): the feed's content is used"))
        #expect(rejects.map(\.id) == ["http://a.test/picture"])
        #expect(rejects.first?.reason == "not HTML (image/png); the feed item has no content to fall back on")
        // Outside the window: never asked for. The same story in two feeds: fetched once.
        #expect(!transport.requests.contains("http://a.test/old"))
        #expect(transport.requests.filter { $0 == "http://a.test/ferry" }.count == 1)
    }

    @Test("an offline run from the replay folder gives the same documents and rejects, and a rerun is conditional")
    func replay() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let online = try await source(folder, offline: false, transport: transport()).documents(runDate: "2026-11-20")
        let offline = try await source(folder, offline: true, transport: transport()).documents(runDate: "2026-11-20")
        #expect(try encoded(offline.documents) == encoded(online.documents))
        #expect(offline.rejects == online.rejects)
        let again = transport()
        _ = try await source(folder, offline: false, transport: again).documents(runDate: "2026-11-20")
        #expect(
            again.sentHeaders["http://a.test/feed.xml"]?.contains { $0.name == "If-None-Match" && $0.value == "\"f1\"" }
                == true)
    }
}
