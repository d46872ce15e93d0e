import Foundation
import PipelineKit
import PipelineTesting
import Testing
import TextKit

@testable import Clean

@Suite("clean on HTML pages")
struct CleanHTMLTests {
    @Test("clean keeps the article's paragraphs, heading and list, in order, and nothing of the furniture")
    func articleOnly() throws {
        let (document, verdict) = try Fixtures.clean(Fixtures.articlePage)
        #expect(verdict == .keep)
        #expect(
            document.text == [
                "Ferry fares across the bay will rise by nine percent in April, the island council said on Tuesday, the first increase since the crossing was rebuilt.",
                "The council blamed fuel costs and a new pier at Westcombe, which cost more than planned and opened four months late.",
                "Who pays more",
                "Commuters with season tickets will pay the least extra, councillor Mara Voss told a packed meeting in the harbour hall.",
                "Season tickets rise by four percent.",
                "Single fares rise by eleven percent.",
                "Island residents who travel less than twice a week will keep their discount, she added, though its future will be reviewed next year.",
            ])
        #expect(document.joinedText.contains("\n\nWho pays more\n\n"))
        #expect(document.raw == nil)
    }

    @Test(
        "clean drops each boilerplate family: cookie, nav, breadcrumb, share, advert, newsletter, related, comments, footer"
    )
    func boilerplateFamilies() throws {
        let text = try Fixtures.clean(Fixtures.articlePage).document.joinedText
        for furniture in [
            "cookies", "Sport", "Home", "Share on", "Advertisement", "newsletter", "Pier opening",
            "outrageous", "All rights reserved", "Privacy", "dataLayer", "color: red", "Ferry fares to rise in spring",
        ] {
            #expect(!text.contains(furniture), "\(furniture) should have been dropped")
        }
    }

    @Test("keep_headings and keep_lists off drop the article's headings and list items")
    func headingAndListOptions() throws {
        let (document, _) = try Fixtures.clean(
            Fixtures.articlePage, options: ["min_text_length": "0", "keep_headings": "false", "keep_lists": "false"])
        #expect(!document.text.contains("Who pays more"))
        #expect(!document.text.contains("Season tickets rise by four percent."))
        #expect(document.text.count == 4)
    }

    @Test("min_paragraph_words drops short paragraphs but keeps headings")
    func minParagraphWords() throws {
        let (document, _) = try Fixtures.clean(
            Fixtures.articlePage, options: ["min_text_length": "0", "min_paragraph_words": "8"])
        #expect(document.text.contains("Who pays more"))
        #expect(!document.text.contains("Season tickets rise by four percent."))  // 6 words
        #expect(document.text.contains { $0.hasPrefix("Commuters with season tickets") })
    }

    @Test("drop_patterns removes matching paragraphs")
    func dropPatterns() throws {
        let (document, _) = try Fixtures.clean(
            Fixtures.articlePage, options: ["min_text_length": "0", "drop_patterns": "^Island residents|Westcombe"])
        #expect(document.text.count == 5)
        #expect(!document.joinedText.contains("Westcombe"))
        #expect(!document.joinedText.contains("Island residents"))
    }

    @Test("with min_text_length set, a short article is dropped with the reason \"too little text\"")
    func tooLittleText() throws {
        let harness = try StageHarness(CleanStage.self, options: ["min_text_length": "200"])
        let shortPages = [
            "<html><body><p>The harbour bridge will close for repairs from Monday night, the council said on Friday.</p></body></html>",
            "<html><body><article><p>Buses will replace the ferry until Thursday. Tickets stay valid.</p></article></body></html>",
        ]
        for page in shortPages {
            let (_, verdict) = try harness.process(Fixtures.document(page))
            guard case let .drop(reason) = verdict else {
                Issue.record("expected a drop for \(page)")
                continue
            }
            #expect(reason.hasPrefix("too little text"))
        }
        let (_, kept) = try harness.process(Fixtures.document(Fixtures.articlePage))
        #expect(kept == .keep)
    }

    @Test("entities and windows-1252 character references come out as the characters they mean")
    func entities() throws {
        let page = Fixtures.simplePage([
            "The mayor&#146;s plan &#150; dubbed &#147;Bay First&#148; &ndash; costs &euro;4&nbsp;million &amp; more.",
            "Caf&eacute; owners on the quay said they welcomed it, though some doubted the timetable would hold.",
        ])
        let (document, _) = try Fixtures.clean(page)
        #expect(document.text.first == "The mayor’s plan – dubbed “Bay First” – costs €4 million & more.")
        #expect(document.text.last?.hasPrefix("Café owners") == true)
    }

    @Test("malformed markup still gives the article")
    func malformed() throws {
        let page = """
            <html><body><div class="content"><p>Storm damage closed the coast road for a third day on <b>Sunday, as crews
            <p>cleared fallen trees <i>and repaired</b> a collapsed culvert near the old mill.</i>
            <p>Drivers were told to use the inland route, which adds twenty minutes to the journey
            </div></span></td><p>Police said nobody was hurt.
            """
        let (document, _) = try Fixtures.clean(page)
        #expect(document.text.first?.hasPrefix("Storm damage closed the coast road") == true)
        #expect(document.joinedText.contains("collapsed culvert near the old mill."))
        #expect(document.joinedText.contains("Drivers were told to use the inland route"))
    }

    @Test("100k-deep nesting neither crashes nor hangs, and is dropped or cleaned")
    func deepNesting() throws {
        let depth = 100_000
        let page =
            "<html><body>" + String(repeating: "<div><span>", count: depth) + "deep"
            + String(repeating: "</span></div>", count: depth) + "</body></html>"
        let (_, verdict) = try Fixtures.clean(page, options: [:])
        #expect(verdict != .keep)  // nothing readable: too little text
    }

    @Test("binary garbage is dropped, not crashed on")
    func binary() throws {
        let bytes = (0..<20_000).map { UInt8(truncatingIfNeeded: ($0 &* 7919) ^ ($0 >> 3)) }
        let garbage = String(decoding: bytes, as: UTF8.self)
        let harness = try StageHarness(CleanStage.self)
        let (_, verdict) = try harness.process(Fixtures.document(garbage))
        #expect(verdict != .keep)
    }

    @Test("a structured-data article body stands in when the page renders its text with scripts")
    func articleBodyFallback() throws {
        let body =
            "The lighthouse reopened to visitors on Saturday after a two-year restoration.It now has a museum on the ground floor, run by volunteers from the village.Tickets are free for children under twelve and for residents of the parish."
        let page = """
            <html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lighthouse reopens",
            "articleBody": "\(body)"}}</script></head><body><div id="app"></div><p>Loading…</p></body></html>
            """
        let (document, _) = try Fixtures.clean(page)
        #expect(
            document.text == [
                "The lighthouse reopened to visitors on Saturday after a two-year restoration.",
                "It now has a museum on the ground floor, run by volunteers from the village.",
                "Tickets are free for children under twelve and for residents of the parish.",
            ])
        #expect(document.title == "Lighthouse reopens")
    }

    @Test("an article split by an advert into blocks of the same template is read whole")
    func splitArticle() throws {
        let first = (1...4).map {
            "Paragraph \($0) of the first half tells how the harbour wall was built, stone by stone, over a decade."
        }
        let second = (1...3).map {
            "Paragraph \($0) of the second half explains why the wall is now sinking, and what the engineers propose."
        }
        let page = """
            <html><body><div class="page">
            <div class="wrap-a"><section class="article-section">\(first.map { "<p>\($0)</p>" }.joined())</section></div>
            <div class="promo-box"><a href="/x">Subscribe today</a></div>
            <div class="wrap-b"><div class="inner"><section class="article-section">\(second.map { "<p>\($0)</p>" }.joined())</section></div></div>
            </div></body></html>
            """
        let (document, _) = try Fixtures.clean(page)
        #expect(document.text == first + second)
    }

    @Test("a block holding most of the page's text is kept even when its class looks like furniture")
    func furnitureClassOnTheWholePage() throws {
        let paragraphs = (1...5).map {
            "Sentence \($0) of an article that a careless theme wrapped in a sidebar class, with plenty of words."
        }
        let page =
            "<html><body><div class=\"with-sidebar\">" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</div><div class=\"sidebar\"><p>Short widget text.</p></div></body></html>"
        let (document, _) = try Fixtures.clean(page)
        #expect(document.text == paragraphs)
    }

    @Test("hidden elements are not read: hidden, aria-hidden=true, inline display:none or visibility:hidden")
    func hiddenElements() throws {
        let paragraphs = (1...4).map {
            "Sentence \($0) of the article, long enough and with a comma or two to score well."
        }
        let hidden = [
            "<div hidden>", "<div aria-hidden=\"TRUE\">", "<div style=\"color: red; Display : None\">",
            "<div style=\"visibility:  hidden;\">", "<div style=\"font-family: 'Nöto'; display: none\">",
        ]
        let page =
            "<html><body><div class=\"story\">" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + hidden.map { "\($0)<p>Hidden text that a reader never sees on the page.</p></div>" }.joined()
            + "<div style=\"display: block\" aria-hidden=\"false\"><p>Shown text, which the reader does see.</p></div>"
            + "</div></body></html>"
        let (document, _) = try Fixtures.clean(page, options: ["min_text_length": "0"])
        #expect(document.text == paragraphs + ["Shown text, which the reader does see."])
    }

    @Test("inline styles: ASCII read as bytes and other styles as characters agree")
    func hidingStyles() {
        for (style, hides) in [
            ("display:none", true), ("DISPLAY: NONE !important", true), ("visibility : hidden", true),
            ("display:\tnone", false), ("display: block", false), ("", false),
            ("content: 'é'; display: none", true), ("content: 'é'; visibility: visible", false),
            ("display: nonȩ", false), ("display: none\u{301}", false),
        ] {
            #expect(PageTree.hidesByStyle(style) == hides, "\(style)")
            let squeezed = style.lowercased().filter { $0 != " " }
            #expect(hides == (squeezed.contains("display:none") || squeezed.contains("visibility:hidden")), "\(style)")
        }
    }

    @Test("scalar and word counts on UTF-8 bytes agree with the scalar view and splitting at spaces")
    func scalarCounts() {
        for text in [
            "", "a", "Ferry fares, rise", "café", "e\u{301}", "日本語のテキスト", "🇬🇧 flag 👍🏽", "\u{FEFF}x\u{200B}",
            String(repeating: "Zürich ", count: 40), String("tail of a substring".dropFirst(5)),
        ] {
            #expect(UTF8Scalars.count(text) == text.unicodeScalars.count, "\(text)")
            let words = text.split(separator: " ", omittingEmptySubsequences: true).count
            #expect(Paragraph(text: text, kind: .paragraph).wordCount == words, "\(text)")
        }
    }

    @Test("paragraph text: white space folded to single spaces, link characters counted with the space before them")
    func paragraphBuilder() {
        var builder = ParagraphBuilder()
        builder.append("  Read\t", inLink: false)
        builder.append(" the full\u{A0}story,\n", inLink: true)
        builder.append("caf\u{E9}\u{AD}s \u{96} ok\r\n", inLink: false)
        builder.append("Zürich!", inLink: true)
        let (text, links) = builder.take()
        #expect(text == "Read the full story, cafés \u{2013} ok Zürich!")
        #expect(links == 16 + 8)
        #expect(ParagraphBuilder.clean("\n\t a  b\u{200B}c \u{3000}") == "a bc")
    }

    @Test("the time limit sets a runaway page aside")
    func timeLimit() throws {
        let paragraphs = (1...20_000).map { "Paragraph \($0) with, some, commas, and words to score." }
        let (document, verdict) = try Fixtures.clean(Fixtures.simplePage(paragraphs), options: ["time_limit": "0.01"])
        #expect(
            verdict == .drop(reason: "time limit: still parsing after 0.01 s")
                || {
                    if case let .drop(reason) = verdict { return reason.hasPrefix("time limit") }
                    return false
                }())
        #expect(document.raw == nil)
    }

    @Test("the same page gives byte-identical output")
    func deterministic() throws {
        let first = try Fixtures.clean(Fixtures.articlePage).document
        let second = try Fixtures.clean(Fixtures.articlePage).document
        #expect(first.text == second.text)
        #expect(first.title == second.title && first.language == second.language)
    }
}
