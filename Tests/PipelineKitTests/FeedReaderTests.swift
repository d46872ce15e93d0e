import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Feeds read with libxml2: sizes up to the file limit, entities by the
/// documented rule, errors in words.
@Suite("Feed reader")
struct FeedReaderTests {
    func parse(_ xml: String) -> Result<[Document], FeedParser.Failure> {
        FeedParser.parse(Data(xml.utf8), fileID: "f.xml", source: "f.xml")
    }

    func documents(_ xml: String) -> [Document] {
        switch parse(xml) {
        case let .success(documents): return documents
        case let .failure(error):
            Issue.record("feed rejected: \(error.message)")
            return []
        }
    }

    func rss(_ items: String, doctype: String = "") -> String {
        "<?xml version=\"1.0\"?>\n\(doctype)<rss version=\"2.0\"><channel><title>Wire</title>\(items)</channel></rss>\n"
    }

    @Test("a well-formed feed over 10 MB is read, every item and its long text")
    func largeFeed() {
        // One 12 MB description (past libxml2's default 10 MB text limit) and 20,000 more items.
        let long = String(repeating: "Ferry crews went on strike. ", count: 450_000)
        var items = "<item><guid>big</guid><title>Long</title><description>\(long)</description></item>"
        for number in 0..<20_000 { items += "<item><guid>g\(number)</guid><title>T \(number)</title></item>" }
        let found = documents(rss(items))
        #expect(found.count == 20_001)
        #expect(found.first?.raw?.utf8.count == long.utf8.count - 1)  // the trailing space trimmed
        #expect(found.last?.id == "g19999")
    }

    @Test("an internal entity is expanded in titles and text")
    func internalEntity() {
        let found = documents(
            rss(
                "<item><guid>a</guid><title>&co; &amp; the union</title><description>Talks with &co;.</description></item>",
                doctype: "<!DOCTYPE rss [<!ENTITY co \"Northsound Ferries\">]>\n"))
        #expect(found.first?.title == "Northsound Ferries & the union")
        #expect(found.first?.raw == "Talks with Northsound Ferries.")
    }

    @Test("an external entity is left out, never loaded, and the rest of the item stays")
    func externalEntity() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feed-secret-\(UUID().uuidString).txt")
        try "SECRET".write(to: secret, atomically: true, encoding: .utf8)
        let found = documents(
            rss(
                "<item><guid>x1</guid><title>Before &ext; after</title><description>Body &ext; text</description></item>",
                doctype: "<!DOCTYPE rss [<!ENTITY ext SYSTEM \"\(secret.absoluteString)\">]>\n"))
        #expect(found.count == 1)
        #expect(found.first?.id == "x1")
        #expect(found.first?.title == "Before  after")
        #expect(found.first?.raw == "Body  text")
    }

    @Test("entities that expand without end stop at the budget instead of filling memory")
    func entityBomb() {
        var doctype = "<!DOCTYPE rss [<!ENTITY l0 \"\(String(repeating: "ha", count: 50))\">"
        for level in 1...9 {
            doctype += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        doctype += "]>\n"
        let found = documents(
            rss("<item><guid>b</guid><title>&l9;</title><description>kept</description></item>", doctype: doctype))
        #expect(found.count == 1)
        // 10^9 × 100 bytes were asked for: the reference is left out once the budget is spent.
        #expect((found.first?.title ?? "").utf8.count <= FeedParser.maxEntityExpansionBytes)
        #expect(found.first?.raw == "kept")
    }

    @Test("HTML entities such as &nbsp; do not cost the feed; inside CDATA they stay as written")
    func htmlEntities() {
        let found = documents(
            rss(
                "<item><guid>n</guid><title>Caf&eacute;&nbsp;talks</title><description><![CDATA[<p>a&nbsp;b</p>]]></description></item>"
            ))
        #expect(found.first?.title == "Caf\u{E9}\u{A0}talks")
        #expect(found.first?.raw == "<p>a&nbsp;b</p>")
    }

    @Test("errors are in words with a line, never an error domain and number")
    func errorsInWords() {
        guard case let .failure(error) = parse("<rss><channel>\n<item><title>Unclosed</channel>") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message.hasPrefix("not a well-formed XML feed at line 2: "))
        #expect(error.message.contains("tag item"))
        #expect(!error.message.contains("Domain"))
        guard case let .failure(undefined) = parse(rss("<item><title>&nosuchentity;</title></item>")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(undefined.message.contains("nosuchentity"))
        #expect(!undefined.message.contains("error 26"))
    }
}
