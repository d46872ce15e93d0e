import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// The Atom feed, parsed with FoundationXML and checked against RFC 4287's
/// structure rules (Benchmarks/tools/check_outputs.sh also runs feedparser).
extension XMLElement {
    /// An attribute's value. (`attribute(forName:)` finds nothing on elements
    /// in a default namespace with FoundationXML on Linux, so look through the list.)
    func attr(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }
}

@Suite("Export: atom")
struct AtomExportTests {
    static let atom = "http://www.w3.org/2005/Atom"

    /// The feed for `batch`; with `sample`, also saved under that name in
    /// $PIPE_EXPORT_SAMPLES for Benchmarks/tools/check_outputs.sh, which runs feedparser on it.
    func feed(_ batch: Batch = RichSample.batch(), options: [String: String] = [:], sample: String? = nil) throws
        -> XMLElement
    {
        let harness = try StageHarness(ExportStage.self, options: options.merging(["format": "atom"]) { a, _ in a })
        let text = try #require(harness.stage.render(Digest(batch: batch, pipeline: "daily", date: "2026-11-21")))
        if let sample, let folder = ProcessInfo.processInfo.environment["PIPE_EXPORT_SAMPLES"] {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? text.write(toFile: folder + "/" + sample, atomically: true, encoding: .utf8)
        }
        let document = try XMLDocument(data: Data(text.utf8), options: [])
        return try #require(document.rootElement())
    }

    func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        element.elements(forLocalName: name, uri: Self.atom)
    }

    func value(_ element: XMLElement, _ name: String) -> String? {
        children(element, name).first?.stringValue
    }

    /// RFC 3339 as RFC 4287 §3.3 requires: a full date-time with a zone.
    func isDateTime(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.range(
            of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression)
            != nil
    }

    @Test("atom writes a feed with id, title, updated and author, one entry per story, biggest first")
    func feedStructure() throws {
        let feed = try feed(sample: "sample.atom")
        #expect(feed.localName == "feed" && feed.uri == Self.atom)
        for name in ["id", "title", "updated", "author"] {
            #expect(children(feed, name).count == 1, "feed has one \(name)")
        }
        #expect(value(feed, "id") == "tag:pipe,2025:feed/daily")
        #expect(value(feed, "title") == "daily")
        #expect(children(try #require(children(feed, "author").first), "name").first?.stringValue == "daily")
        #expect(value(feed, "updated") == "2026-11-20T18:30:00Z", "the newest story's time, not the clock")
        let entries = children(feed, "entry")
        #expect(
            entries.map { value($0, "title") } == [
                "US widens limits on advanced chip sales", "Rotterdam dock strike <halts> ships",
            ])
        #expect(
            entries.map { value($0, "id") } == [
                "tag:pipe,2025:feed/daily/story/story-chips", "tag:pipe,2025:feed/daily/story/story-port",
            ])
        for entry in entries {
            for name in ["id", "title", "updated"] {
                #expect(children(entry, name).count == 1, "entry has one \(name)")
            }
            #expect(isDateTime(value(entry, "updated")) && isDateTime(value(entry, "published")))
            #expect(children(entry, "content").first?.attr("type") == "html")
        }
    }

    @Test("an entry links its articles, dates itself from them, and carries summary, categories and an HTML body")
    func entry() throws {
        let chips = try #require(children(feed(), "entry").first)
        #expect(value(chips, "published") == "2026-11-19T08:15:00Z")
        #expect(value(chips, "updated") == "2026-11-20T11:05:00Z")
        let links = children(chips, "link").map { ($0.attr("rel"), $0.attr("href")) }
        #expect(links.map(\.0) == ["alternate", "related", "related"])
        #expect(
            links.map(\.1) == [
                "https://ledger.example/tech/chips-rules", "https://meridian.example/a/8812",
                "https://wire.example/w-1204",
            ])
        #expect(value(chips, "summary")?.hasPrefix("The Commerce Department widened") == true)
        #expect(
            children(chips, "category").compactMap { $0.attr("term") } == [
                "Lena Ortiz", "Ana Ruiz", "Commerce Department", "Washington",
            ])
        let body = try #require(value(chips, "content"))
        #expect(
            body.contains(
                "<li><a href=\"https://ledger.example/tech/chips-rules\">Washington widens curbs on advanced chip sales</a> — Harbor Ledger · by Ana Ruiz · 19 Nov 2026</li>"
            ))
        #expect(body.contains("<p>19–20 Nov 2026 · 3 articles</p>"))

        let port = children(try feed(), "entry")[1]
        #expect(children(port, "link").count == 1, "an article without a web address is not linked")
        #expect(
            value(port, "content")?.contains(
                "<li>Ships queue off Rotterdam as strike bites — Meridian Post · 20 Nov 2026</li>") == true)
    }

    @Test("feed_url becomes the self link and the id; title renames the feed")
    func feedURL() throws {
        let feed = try feed(options: ["feed_url": "https://news.example/daily.atom", "title": "Morning & Evening"])
        #expect(value(feed, "id") == "https://news.example/daily.atom")
        #expect(value(feed, "title") == "Morning & Evening")
        let selfLink = children(feed, "link").first { $0.attr("rel") == "self" }
        #expect(selfLink?.attr("href") == "https://news.example/daily.atom")
        #expect(value(children(feed, "entry")[0], "id") == "https://news.example/daily.atom/story/story-chips")
    }

    @Test("a day without stories gives a valid feed with no entries, dated the run day")
    func empty() throws {
        let feed = try feed(Batch(documents: []))
        #expect(children(feed, "entry").isEmpty)
        #expect(value(feed, "updated") == "2026-11-21T00:00:00Z")
    }

    @Test("story ids are percent-encoded into entry ids, and control characters are dropped")
    func hostileStory() throws {
        var batch = RichSample.batch()
        batch.stories[0].id = "story one/€\u{07}"
        batch.stories[0].headline = "Bell\u{07} & <tag>"
        let entry = try #require(children(feed(batch), "entry").last)
        #expect(value(entry, "id") == "tag:pipe,2025:feed/daily/story/story%20one%2F%E2%82%AC%07")
        #expect(value(entry, "title") == "Bell & <tag>")
    }
}
