import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// The HTML digest, read back with libxml2's HTML parser (the HTML module is
/// still being built, so the tests use the CLibXML2 system library directly)
/// and, for well-formedness, with FoundationXML's strict XML parser.
@Suite("Export: html")
struct HTMLExportTests {
    /// The page for `batch`; with `sample`, also saved under that name in
    /// $PIPE_EXPORT_SAMPLES for Benchmarks/tools/check_outputs.sh to screenshot.
    func render(_ batch: Batch = RichSample.batch(), options: [String: String] = [:], sample: String? = nil) throws
        -> String
    {
        let harness = try StageHarness(ExportStage.self, options: options.merging(["format": "html"]) { a, _ in a })
        let html = try #require(harness.stage.render(Digest(batch: batch, pipeline: "daily", date: "2026-11-21")))
        if let sample, let folder = ProcessInfo.processInfo.environment["PIPE_EXPORT_SAMPLES"] {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? html.write(toFile: folder + "/" + sample, atomically: true, encoding: .utf8)
        }
        return html
    }

    @Test("html has a header with title, date and counts, then stories biggest first, then other articles newest first")
    func structure() throws {
        let page = try HTMLTree(render(sample: "sample.html")).root
        #expect(page.first("h1")?.text == "daily")
        #expect(page.first(class: "dateline")?.first("time")?.attributes["datetime"] == "2026-11-21")
        #expect(page.first(class: "dateline")?.text == "Saturday 21 November 2026")
        #expect(page.first(class: "counts")?.text == "2 stories · 7 articles · 4 outlets")
        let stories = page.all(class: "story")
        #expect(stories.map { $0.attributes["data-story"] } == ["story-chips", "story-port"])
        #expect(
            stories.map { $0.first("h3")?.text } == [
                "1 US widens limits on advanced chip sales", "2 Rotterdam dock strike <halts> ships",
            ])
        #expect(page.first(class: "others")?.first("h2")?.text == "Other articles")
        #expect(
            page.first(class: "others")?.all(class: "article").map { $0.first("h3")?.text } == [
                "Library reopens after flood repairs", "<script>alert(\"x\")</script> Tom & Jerry's \"best\" day",
            ])
    }

    @Test("a story shows its span, size, summary, outlets linked to their articles, entity chips and articles")
    func story() throws {
        let page = try HTMLTree(render()).root
        let chips = try #require(page.all(class: "story").first)
        #expect(chips.first(class: "meta")?.text == "19–20 Nov 2026 · 3 articles")
        #expect(chips.first(class: "meta")?.first("time")?.attributes["datetime"] == "2026-11-19T08:15:00Z")
        #expect(chips.first(class: "summary")?.text.hasPrefix("The Commerce Department widened its limits") == true)
        let outlets = chips.all(class: "outlet")
        #expect(outlets.map(\.text) == ["Harbor Ledger", "Meridian Post", "Coastal Wire"])
        #expect(
            outlets.map { $0.attributes["href"] } == [
                "https://ledger.example/tech/chips-rules", "https://meridian.example/a/8812",
                "https://wire.example/w-1204",
            ])
        let groups = chips.all(class: "chip-group")
        #expect(
            groups.map(\.classes) == [
                ["chip-group", "person"], ["chip-group", "organization"], ["chip-group", "location"],
            ])
        #expect(groups[0].all(class: "chip").map(\.text) == ["Lena Ortiz", "Ana Ruiz"])
        #expect(groups[1].all(class: "chip").map(\.text) == ["Commerce Department"])
        let articles = try #require(chips.first(class: "articles")).all("li")
        #expect(articles.count == 3)
        #expect(articles[0].first("a")?.text == "Washington widens curbs on advanced chip sales")
        #expect(articles[0].first(class: "byline")?.text == "Harbor Ledger · by Ana Ruiz · 19 Nov 2026")

        // The port story's second outlet has no web address: named, not linked.
        let port = page.all(class: "story")[1]
        #expect(port.all(class: "outlet").map(\.name) == ["a", "span"])
        // Its members name places and organisations, but the story-forming stage gave it no
        // entities: the export renders the story as it is and works out none of its own.
        #expect(port.all(class: "chip-group").isEmpty)
    }

    @Test("every text is escaped: markup in the data stays text, and only web addresses become links")
    func escaping() throws {
        let html = try render()
        let page = try HTMLTree(html).root
        #expect(page.all("script").isEmpty)
        #expect(page.all("halts").isEmpty && page.all("b").isEmpty)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&#39;s"))
        let hostile = try #require(page.first(class: "others")?.all(class: "article").last)
        #expect(hostile.first("a") == nil, "a javascript: address is not linked")
        #expect(hostile.first(class: "meta")?.text == "Odd, Quoted \"Site\" · by O'Neil, Pat · 18 Nov 2026")
        #expect(hostile.all(class: "chip").map(\.text) == ["Smith, Jones & Co", "<b>Bold</b> Person"])
        #expect(!html.unicodeScalars.contains("\u{07}"), "control characters are dropped")
        let hrefs = page.all("a").compactMap { $0.attributes["href"] }
        #expect(hrefs.count == 9)
        #expect(hrefs.allSatisfy { $0.hasPrefix("https://") })
    }

    @Test("the page is self-contained, light and dark, and well-formed XML")
    func selfContained() throws {
        let html = try render()
        let page = try HTMLTree(html).root
        #expect(page.all("link").isEmpty && page.all("img").isEmpty && page.all("script").isEmpty)
        let style = try #require(page.first("style")).text
        #expect(style.contains("@media (prefers-color-scheme: dark)"))
        #expect(!style.contains("url(") && !style.contains("@import"))
        #expect(
            page.all("meta").contains {
                $0.attributes["name"] == "viewport" && $0.attributes["content"] == "width=device-width, initial-scale=1"
            })
        let xml = try XMLDocument(data: Data(html.utf8), options: [])
        #expect(xml.rootElement()?.name == "html")
    }

    @Test("title and chips options change the header and how many names show")
    func options() throws {
        let page = try HTMLTree(render(options: ["title": "Morning <Brief>", "chips": "1"])).root
        #expect(page.first("h1")?.text == "Morning <Brief>")
        #expect(page.first("title")?.text == "Morning <Brief> — Saturday 21 November 2026")
        let groups = try #require(page.all(class: "story").first).all(class: "chip-group")
        #expect(groups.map { $0.all(class: "chip").count } == [1, 1, 1])
    }

    @Test("without stories the articles are listed under Articles; with nothing, the page says so")
    func sparse() throws {
        var batch = RichSample.batch()
        batch.stories = []
        batch.documents = batch.documents.map {
            var document = $0
            document.story = nil
            return document
        }
        let page = try HTMLTree(render(batch)).root
        #expect(page.all(class: "story").isEmpty)
        #expect(page.first(class: "others")?.first("h2")?.text == "Articles")
        #expect(page.first(class: "others")?.all(class: "article").count == 7)

        let empty = try HTMLTree(render(Batch(documents: []))).root
        #expect(empty.first(class: "empty")?.text == "No articles today.")
        #expect(empty.first(class: "counts")?.text == "0 stories · 0 articles")
        #expect(empty.all("section").isEmpty)
    }
}
