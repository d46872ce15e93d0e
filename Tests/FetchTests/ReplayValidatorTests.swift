import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Fetch

/// A ``ValidatorStore`` in memory, standing in for the SQLite state store.
final class MemoryValidatorStore: ValidatorStore, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: [String: RememberedValidators]] = [:]
    private(set) var saves = 0

    func validators(pipeline: String) throws -> [String: RememberedValidators] {
        lock.withLock { kept[pipeline] ?? [:] }
    }

    func saveValidators(_ validators: [String: RememberedValidators], pipeline: String) throws {
        lock.withLock {
            saves += 1
            for (url, remembered) in validators {
                kept[pipeline, default: [:]][url] = remembered.validators.isEmpty ? nil : remembered
            }
        }
    }
}

@Suite("replay folder: validators in the state store when there is one")
struct ReplayValidatorTests {
    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Ledger</title>
        <item><title>Ferry strike</title><link>http://a.test/ferry</link><pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate></item>
        </channel></rss>
        """

    /// A server whose feed and page answer 304 to their own ETag.
    func transport() -> ScriptedTransport {
        ScriptedTransport { url, headers, _ in
            let etag = url.hasSuffix("feed.xml") ? "\"f1\"" : "\"p1\""
            if headers.contains(where: { $0.name == "If-None-Match" && $0.value == etag }) {
                return ScriptedTransport.status(304, [("ETag", etag)])
            }
            switch url {
            case "http://a.test/robots.txt": return ScriptedTransport.status(404)
            case "http://a.test/feed.xml":
                return ScriptedTransport.ok(Self.feed, [("Content-Type", "application/rss+xml"), ("ETag", etag)])
            case "http://a.test/ferry":
                return ScriptedTransport.ok(
                    "<html><head><title>Ferry</title></head><body><p>Ferries stop.</p></body></html>",
                    [("Content-Type", "text/html"), ("ETag", etag), ("Last-Modified", "Fri, 20 Nov 2026 06:00:00 GMT")])
            default: return ScriptedTransport.status(404)
            }
        }
    }

    func source(_ folder: URL, _ transport: ScriptedTransport, state: (any ValidatorStore)?) throws -> WebSource {
        var web = WebInputOptions()
        web.feeds = [WebURL("http://a.test/feed.xml")]
        var options = FetchOptions()
        options.delay = 0
        options.retry = RetryPolicy(maxAttempts: 1)
        let store = try ReplayStore(folder: folder, runDate: "2026-11-20", validatorStore: state, pipeline: "daily")
        return WebSource(
            options: web, store: store, fetcher: Fetcher(options: options, transport: transport), maxBytes: 1 << 20)
    }

    func index(_ folder: URL) throws -> [String: ReplayStore.Entry] {
        try JSONDecoder().decode(
            [String: ReplayStore.Entry].self, from: Data(contentsOf: folder.appendingPathComponent("index.json")))
    }

    func conditional(_ transport: ScriptedTransport, _ url: String) -> Bool {
        transport.sentHeaders[url]?.contains { $0.name == "If-None-Match" || $0.name == "If-Modified-Since" } == true
    }

    @Test(
        "with a state store the validators live there, bound to their record, and the rerun is conditional and answered from the replay folder"
    )
    func stateKeepsValidators() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = MemoryValidatorStore()
        let first = try source(folder, transport(), state: state)
        let (documents, _) = await first.documents(runDate: "2026-11-20")
        #expect(documents.map(\.id) == ["http://a.test/ferry"])

        let entries = try index(folder)
        #expect(entries.values.allSatisfy { $0.etag == nil && $0.lastModified == nil })
        let kept = try state.validators(pipeline: "daily")
        #expect(kept["http://a.test/feed.xml"]?.validators == Validators(etag: "\"f1\""))
        #expect(
            kept["http://a.test/ferry"]?.validators
                == Validators(etag: "\"p1\"", lastModified: "Fri, 20 Nov 2026 06:00:00 GMT"))
        let feedEntry = try #require(entries["http://a.test/feed.xml"])
        #expect(kept["http://a.test/feed.xml"]?.record == "\(feedEntry.file)@\(feedEntry.offset)")
        #expect(try state.validators(pipeline: "other").isEmpty)

        let again = transport()
        let second = try source(folder, again, state: state)
        let (rerun, rejects) = await second.documents(runDate: "2026-11-20")
        #expect(conditional(again, "http://a.test/feed.xml") && conditional(again, "http://a.test/ferry"))
        #expect(second.summary.notModified == 2 && second.summary.fetched == 0)
        #expect(rejects.isEmpty)
        #expect(rerun.map(\.raw) == documents.map(\.raw))
    }

    @Test("validators naming a record the replay folder no longer holds are not sent: the page is fetched whole")
    func staleValidatorsAreNotSent() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = MemoryValidatorStore()
        _ = try await source(folder, transport(), state: state).documents(runDate: "2026-11-20")
        #expect(try state.validators(pipeline: "daily").count == 2)
        try FileManager.default.removeItem(at: folder)

        let again = transport()
        let (documents, rejects) = try await source(folder, again, state: state).documents(runDate: "2026-11-20")
        #expect(!conditional(again, "http://a.test/feed.xml") && !conditional(again, "http://a.test/ferry"))
        #expect(documents.map(\.id) == ["http://a.test/ferry"] && rejects.isEmpty)
    }

    @Test("without a state store the index keeps the validators, as before")
    func indexFallback() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await source(folder, transport(), state: nil).documents(runDate: "2026-11-20")
        #expect(try index(folder)["http://a.test/feed.xml"]?.etag == "\"f1\"")
        let again = transport()
        _ = try await source(folder, again, state: nil).documents(runDate: "2026-11-20")
        #expect(conditional(again, "http://a.test/feed.xml") && conditional(again, "http://a.test/ferry"))
    }
}
