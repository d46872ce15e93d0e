import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Clean

/// Pages set aside for having no article (not for being short), and the page layouts whose
/// article the finder used to cut: each fixture is a layout we wrote in the shape of today's
/// site builders.
@Suite("clean: no article, and the layouts of today's pages")
struct CleanArticleTests {
    /// Runs clean with the defaults a user gets.
    static func cleanAtDefaults(_ html: String) throws -> (document: Document, verdict: Verdict) {
        let harness = try StageHarness(CleanStage.self)
        return try harness.process(Fixtures.document(html))
    }

    static func dropReason(_ verdict: Verdict) -> String? {
        if case let .drop(reason) = verdict { return reason }
        return nil
    }

    static let brief =
        "The harbour bridge will close for repairs from Monday night, the council said. Buses will run every ten minutes."

    @Test(
        "a short brief is kept at the defaults; min_text_length set by the user still drops it as \"too little text\"")
    func shortBriefKept() throws {
        let page =
            "<html><head><title>Bridge to close | Harbor Ledger</title></head><body><nav><a href=\"/\">Home</a></nav>"
            + "<article><h1>Bridge to close</h1><p>\(Self.brief)</p></article></body></html>"
        let (document, verdict) = try Self.cleanAtDefaults(page)
        #expect(verdict == .keep)
        #expect(document.text == [Self.brief])
        let (_, strict) = try Fixtures.clean(page, options: ["min_text_length": "200"])
        #expect(Self.dropReason(strict)?.hasPrefix("too little text") == true)
    }

    @Test("an error page is set aside as \"no article: an error page\", whatever its length in characters")
    func errorPage() throws {
        for title in [
            "Page not found | Harbor Ledger", "404 – Harbor Ledger", "Harbor Ledger: this page does not exist",
        ] {
            let page =
                "<html><head><title>\(title)</title></head><body><h1>Sorry</h1>"
                + "<div class=\"message\"><p>Sorry, the page you were looking for has moved, or it never existed. "
                + "Try the search box above, or go back to the front page to find today's news from the bay.</p></div>"
                + "<footer><p>© 2025 Harbor Ledger Media.</p></footer></body></html>"
            let (_, verdict) = try Self.cleanAtDefaults(page)
            #expect(Self.dropReason(verdict)?.hasPrefix("no article: an error page") == true, "\(title): \(verdict)")
        }
    }

    @Test("an index page of headlines and a page with nothing to read are set aside with their reason")
    func indexAndEmptyPages() throws {
        let headlines = [
            "Ferry fares to rise in spring", "Pier opening delayed again", "Council approves budget",
            "Storm warning for the coast", "Harbour festival dates set", "New school opens in Westcombe",
        ]
        let index =
            "<html><head><title>News | Harbor Ledger</title></head><body><main><h1>News</h1>"
            + headlines.map {
                "<div class=\"item\"><h3><a href=\"/n/\($0.count)\">\($0)</a></h3><span>2 hours ago</span></div>"
            }.joined()
            + "<ul>" + headlines.map { "<li><a href=\"/m/\($0.count)\">\($0)</a></li>" }.joined()
            + "</ul></main></body></html>"
        let (_, verdict) = try Self.cleanAtDefaults(index)
        #expect(
            Self.dropReason(verdict)?.hasPrefix("no article: only headings, links and short lines") == true,
            "\(verdict)")
        for empty in ["", "<html><body></body></html>", "<html><body><video src=\"a.mp4\"></video></body></html>"] {
            let (_, verdict) = try Self.cleanAtDefaults(empty)
            #expect(Self.dropReason(verdict) == "no article: no text", "\(empty): \(verdict)")
        }
    }

    /// Paragraphs long enough, with commas, to score as text.
    static func paragraphs(_ topic: String, _ count: Int) -> [String] {
        (1...count).map {
            "Paragraph \($0) about \(topic) says what happened, where, and to whom, in plenty of words for a reader."
        }
    }

    @Test(
        "class words site builders put on every block of the text (widget, list item, CSS module, a folded panel's hidden) do not make it furniture"
    )
    func builderClassWords() throws {
        let intro =
            "An introduction long enough to be taken for the article on its own, with commas, clauses, and more "
            + "than two hundred and fifty characters of plain prose, so that nothing falls back to a second look at the page: "
            + "the class words alone decide whether the blocks after it are read."
        let body = Self.paragraphs("the ferry", 4)
        let layouts = [
            body.map {
                "<div class=\"elementor-widget elementor-widget-text-editor\"><div class=\"elementor-widget-container\"><p>\($0)</p></div></div>"
            },
            body.map { "<div class=\"list-item\"><div class=\"paragraph--type--list-item\"><p>\($0)</p></div></div>" },
            body.map { "<div class=\"Prose_module_body__x1\"><p class=\"Typography_module_text__a9\">\($0)</p></div>" },
            body.map {
                "<div class=\"accordion-panel accordion-panel-hidden\"><div class=\"panel-inner\"><p>\($0)</p></div></div>"
            },
        ]
        for blocks in layouts {
            let page =
                "<html><body><article><div class=\"intro\"><p>\(intro)</p></div>" + blocks.joined()
                + "</article><aside><a href=\"/a\">Elsewhere</a></aside></body></html>"
            let (document, verdict) = try Self.cleanAtDefaults(page)
            #expect(verdict == .keep)
            #expect(document.text == [intro] + body, "\(blocks[0])")
        }
    }

    @Test("one answer of a question-and-answer block marked itemprop=text does not take the place of the article")
    func answerMarkedText() throws {
        let body = Self.paragraphs("moving house", 6)
        // Answers long enough to stand as an article of their own (no fallback to the whole page).
        let answers = ["About two weeks ahead", "Yes for most movers"].map {
            $0 + ", and the rest of this answer goes on about crates and vans and lifts and stairs and parking permits "
                + "and the neighbours and the weather on the day for long enough that it could pass for an article "
                + "of its own if nothing else on the page were there to compare it with."
        }
        let page =
            "<html><body><article><div class=\"post-body\">" + body.map { "<p>\($0)</p>" }.joined() + "</div>"
            + "<section class=\"faq\">"
            + answers.map {
                "<div itemprop=\"mainEntity\"><h3>A question?</h3><div itemprop=\"acceptedAnswer\"><div itemprop=\"text\"><p>\($0)</p></div></div></div>"
            }.joined() + "</section></article></body></html>"
        let (document, _) = try Self.cleanAtDefaults(page)
        #expect(Array(document.text.prefix(body.count)) == body)
    }

    @Test("an article built of many sections, each deep in its own grid, is read whole with its subheadings")
    func articleOfManySections() throws {
        let topics = ["costs", "permits", "materials", "timing", "contractors"]
        var expected: [String] = []
        var sections = ""
        for (number, topic) in topics.enumerated() {
            let paragraphs = Self.paragraphs(topic, 3)
            expected += ["What to know about \(topic)"] + paragraphs
            sections +=
                "<section id=\"s\(number)\" class=\"block-\(number)\"><div class=\"row\"><div class=\"col-\(number)\">"
                + "<h2>What to know about \(topic)</h2><div class=\"copy-\(number)\">"
                + paragraphs.map { "<p>\($0)</p>" }.joined()
                + "</div></div></div></section>"
        }
        let page =
            "<html><body><main><div class=\"contents\">\(sections)</div></main>"
            + "<div class=\"more\"><a href=\"/1\">Another story</a> <a href=\"/2\">And another</a></div></body></html>"
        let (document, _) = try Self.cleanAtDefaults(page)
        #expect(document.text == expected)
    }

    @Test("an article inside a header button left open (the browser closes it; the parser does not) is read")
    func articleInsideAButton() throws {
        let body = Self.paragraphs("the garden", 4)
        let page =
            "<html><body><header role=\"banner\"><div class=\"menu\"><button class=\"menu-button\"><div>"
            + "<main><article>" + body.map { "<p>\($0)</p>" }.joined() + "</article></main></body></html>"
        let (document, verdict) = try Self.cleanAtDefaults(page)
        #expect(verdict == .keep)
        #expect(document.text == body)
    }

    @Test("an article streamed into a hidden block, with a visible skeleton, is read on the second look")
    func articleInAHiddenBlock() throws {
        let body = Self.paragraphs("the election", 4)
        let page =
            "<html><body><div id=\"root\"><p>Loading…</p></div><div hidden id=\"S:0\"><main><article>"
            + body.map { "<p>\($0)</p>" }.joined() + "</article></main></div></body></html>"
        let (document, verdict) = try Self.cleanAtDefaults(page)
        #expect(verdict == .keep)
        #expect(document.text == body)
    }
}
