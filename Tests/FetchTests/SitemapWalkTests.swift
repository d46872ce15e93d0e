import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Fetch

@Suite("sitemap indexes: nested, depth-limited, each read once")
struct SitemapWalkTests {
    static func index(_ locations: [String], lastmod: String = "2026-11-20") -> String {
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + locations.map { "<sitemap><loc>\($0)</loc><lastmod>\(lastmod)</lastmod></sitemap>" }.joined()
            + "</sitemapindex>"
    }

    static func urlset(_ pages: [String]) -> String {
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + pages.map { "<url><loc>\($0)</loc><lastmod>2026-11-20T06:00:00Z</lastmod></url>" }.joined() + "</urlset>"
    }

    /// s.test: a root index naming a nested index, a plain sitemap, itself and an old sitemap;
    /// the nested index names the plain sitemap again and a sitemap of its own (relative);
    /// deep.test: a chain of indexes one level too deep.
    static let site: [String: String] = [
        "http://s.test/root.xml": index([
            "http://s.test/nested.xml", "http://s.test/plain.xml", "http://s.test/root.xml",
        ])
        .replacingOccurrences(
            of: "</sitemapindex>",
            with: "<sitemap><loc>http://s.test/old.xml</loc><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>"),
        "http://s.test/nested.xml": index(["/plain.xml", "sections/world.xml"]),
        "http://s.test/plain.xml": urlset(["http://s.test/a", "http://s.test/b"]),
        "http://s.test/sections/world.xml": urlset(["w1", "http://s.test/a"]),
        "http://s.test/old.xml": urlset(["http://s.test/old-page"]),
        "http://deep.test/0.xml": index(["http://deep.test/1.xml"]),
        "http://deep.test/1.xml": index(["http://deep.test/2.xml"]),
        "http://deep.test/2.xml": index(["http://deep.test/3.xml"]),
        "http://deep.test/3.xml": index(["http://deep.test/4.xml"]),
        "http://deep.test/4.xml": urlset(["http://deep.test/too-deep"]),
    ]

    func run(_ sitemaps: [String]) async throws -> (
        documents: [Document], rejects: [Reject], transport: ScriptedTransport
    ) {
        let transport = ScriptedTransport { url, _, _ in
            if url.hasSuffix("/robots.txt") { return ScriptedTransport.status(404) }
            if let xml = Self.site[url] { return ScriptedTransport.ok(xml, [("Content-Type", "application/xml")]) }
            return ScriptedTransport.ok("<html><body><p>Page \(url)</p></body></html>", [("Content-Type", "text/html")])
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitemaps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var web = WebInputOptions()
        web.sitemaps = sitemaps.map(WebURL.init)
        var options = FetchOptions()
        options.delay = 0
        options.retry = RetryPolicy(maxAttempts: 1)
        let source = WebSource(
            options: web, store: try ReplayStore(folder: folder, runDate: "2026-11-20"),
            fetcher: Fetcher(options: options, transport: transport), maxBytes: 1 << 20)
        let (documents, rejects) = await source.documents(runDate: "2026-11-20")
        return (documents, rejects, transport)
    }

    @Test(
        "an index of indexes is followed to its pages; each sitemap is fetched once, cycles end, old sitemaps are skipped"
    )
    func nested() async throws {
        let (documents, rejects, transport) = try await run(["http://s.test/root.xml"])
        #expect(documents.map(\.id) == ["http://s.test/a", "http://s.test/b", "http://s.test/sections/w1"])
        #expect(rejects.isEmpty)
        for sitemap in ["root.xml", "nested.xml", "plain.xml", "sections/world.xml"] {
            #expect(
                transport.requests.filter { $0 == "http://s.test/\(sitemap)" }.count == 1, "\(sitemap) fetched once")
        }
        #expect(!transport.requests.contains("http://s.test/old.xml"))
        #expect(transport.requests.filter { $0 == "http://s.test/a" }.count == 1)
    }

    @Test("a sitemap named by two listed sitemaps is read once for the run")
    func sharedAcrossListed() async throws {
        let (documents, _, transport) = try await run(["http://s.test/nested.xml", "http://s.test/plain.xml"])
        #expect(documents.map(\.id) == ["http://s.test/a", "http://s.test/b", "http://s.test/sections/w1"])
        #expect(transport.requests.filter { $0 == "http://s.test/plain.xml" }.count == 1)
    }

    @Test("indexes nested past the limit are set aside with the reason and their sitemaps not fetched")
    func tooDeep() async throws {
        #expect(SitemapWalk.maxDepth == 3)
        let (documents, rejects, transport) = try await run(["http://deep.test/0.xml"])
        #expect(documents.isEmpty)
        #expect(rejects.map(\.id) == ["http://deep.test/3.xml"])
        #expect(
            rejects.first?.reason
                == "sitemap index nested more than 3 levels below http://deep.test/0.xml: its 1 sitemap not followed")
        #expect(!transport.requests.contains("http://deep.test/4.xml"))
    }
}
