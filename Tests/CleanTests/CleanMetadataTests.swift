import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Clean

@Suite("clean's page metadata")
struct CleanMetadataTests {
    static let body = (1...4).map {
        "Sentence \($0) of a report on the tide mill's restoration, long enough to count as the article."
    }

    func clean(head: String = "", bodyPrefix: String = "", url: String? = nil, lang: String? = nil) throws -> Document {
        let page =
            "<html\(lang.map { " lang=\"\($0)\"" } ?? "")><head>\(head)</head><body>\(bodyPrefix)<article>"
            + Self.body.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
        return try Fixtures.clean(page, url: url).document
    }

    static func iso(_ date: Date?) -> String? { date.map(Timestamp.iso8601) }

    @Test("Open Graph and meta tags give title, site, author, date, canonical url and language")
    func openGraph() throws {
        let document = try clean(
            head: """
                <title>Tide mill turns again - Estuary Post</title>
                <meta property="og:title" content="Tide mill turns again">
                <meta property="og:site_name" content="Estuary Post">
                <meta name="author" content="Priya Nair">
                <meta property="article:published_time" content="2025-03-04T08:30:00+01:00">
                <link rel="canonical" href="https://estuarypost.example/2025/03/tide-mill">
                <meta property="og:locale" content="en_GB">
                """)
        #expect(document.title == "Tide mill turns again")
        #expect(document.site == "Estuary Post")
        #expect(document.author == "Priya Nair")
        #expect(Self.iso(document.published) == "2025-03-04T07:30:00Z")
        #expect(document.url == "https://estuarypost.example/2025/03/tide-mill")
        #expect(document.language == "en-GB")
    }

    @Test("JSON-LD gives headline, authors, date and publisher when the metas are missing")
    func jsonLD() throws {
        let document = try clean(
            head: """
                <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
                  {"@type": "WebSite", "name": "ignored"},
                  {"@type": ["NewsArticle"], "headline": "Mill wheel restored", "datePublished": "2025-03-05",
                   "author": [{"@type": "Person", "name": "Priya Nair"}, {"@type": "Person", "name": "Tom Okafor"}],
                   "publisher": {"@type": "Organization", "name": "Estuary Post"}}]}</script>
                """)
        #expect(document.title == "Mill wheel restored")
        #expect(document.author == "Priya Nair, Tom Okafor")
        #expect(Self.iso(document.published) == "2025-03-05T00:00:00Z")
        #expect(document.site == "Estuary Post")
    }

    @Test("og:title wins over JSON-LD, which wins over <h1>, which wins over <title>")
    func titlePrecedence() throws {
        let ld = #"<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON-LD"}</script>"#
        let h1 = "<h1>From the h1</h1>"
        #expect(
            try clean(
                head: "<title>From title | Estuary Post</title>" + ld
                    + "<meta property=\"og:title\" content=\"From og\">",
                bodyPrefix: h1
            ).title == "From og")
        #expect(
            try clean(head: "<title>From title | Estuary Post</title>" + ld, bodyPrefix: h1).title == "From JSON-LD")
        #expect(try clean(head: "<title>From title | Estuary Post</title>", bodyPrefix: h1).title == "From the h1")
        #expect(try clean(head: "<title>Tide mill turns again | Estuary Post</title>").title == "Tide mill turns again")
    }

    @Test("<time datetime> dates an article that has no metas; a pubdate one wins over the first")
    func timeElement() throws {
        let document = try clean(
            bodyPrefix: """
                <time datetime="2025-02-01T10:00:00Z">1 Feb</time> <time pubdate datetime="2025-03-06T09:15:00Z">6 March</time>
                """)
        #expect(Self.iso(document.published) == "2025-03-06T09:15:00Z")
    }

    @Test("a byline element names the author, without its 'By' and date")
    func byline() throws {
        let document = try clean(bodyPrefix: #"<div class="article-byline">By Priya Nair | March 6, 2025</div>"#)
        #expect(document.author == "Priya Nair")
        let linked = try clean(bodyPrefix: #"<p>Words: <a rel="author" href="/staff/tom">Tom Okafor</a></p>"#)
        #expect(linked.author == "Tom Okafor")
    }

    @Test("JSON-LD's mainEntityOfPage gives the address when there is no canonical link or og:url")
    func structuredDataAddress() throws {
        let ld = try clean(
            head: #"""
                <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide mill turns again",
                  "mainEntityOfPage": {"@type": "WebPage", "@id": "https://www.estuarypost.example/2025/03/06/tide-mill"},
                  "publisher": {"@type": "Organization", "name": "Estuary Post", "url": "https://www.estuarypost.example/logo.png"}}</script>
                """#)
        #expect(ld.url == "https://www.estuarypost.example/2025/03/06/tide-mill")
        let canonical = try clean(
            head: #"""
                <link rel="canonical" href="https://www.estuarypost.example/tide-mill">
                <script type="application/ld+json">{"@type": "NewsArticle", "mainEntityOfPage": "https://other.example/x"}</script>
                """#)
        #expect(canonical.url == "https://www.estuarypost.example/tide-mill")
    }

    @Test("references left in JSON-LD strings and twice-escaped metas are decoded")
    func entities() throws {
        let ld = try clean(
            head: #"""
                <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Carrow &amp; Finch buy the tide mill",
                  "author": {"@type": "Person", "name": "Zo&euml; Marr"}, "publisher": {"name": "Estuary Post"}} trailing junk</script>
                """#)
        #expect(ld.title == "Carrow & Finch buy the tide mill")
        #expect(ld.author == "Zoë Marr")
        let meta = try clean(head: #"<meta property="og:title" content="Carrow &amp;amp; Finch buy the mill">"#)
        #expect(meta.title == "Carrow & Finch buy the mill")
    }

    @Test("credits lose their 'Story by'/'Words by' words, name each person, and leave out agencies and desks")
    func credits() throws {
        #expect(PageMetadata.authorNames("Story by Gus Harmon", site: nil) == ["Gus Harmon"])
        #expect(PageMetadata.authorNames("Words by Ana Ruiz and Tom Beck", site: nil) == ["Ana Ruiz", "Tom Beck"])
        #expect(
            PageMetadata.authorNames("Reporting by Lena Park; Jonas Berg", site: nil) == ["Lena Park", "Jonas Berg"])
        #expect(
            PageMetadata.authorNames("Callum Reyes, Meridian Wire | 2026-11-19 13:22", site: nil) == ["Callum Reyes"])
        #expect(PageMetadata.authorNames("By Dana Whitfield | Courier staff", site: nil) == ["Dana Whitfield"])
        #expect(PageMetadata.authorNames("Estuary Post", site: "Estuary Post") == [])
        let page = try clean(
            bodyPrefix: #"<div class="article-info"><span class="byline">Story by Gus Harmon</span></div>"#)
        #expect(page.author == "Gus Harmon")
        let meta = try clean(head: #"<meta name="author" content="By Priya Nair">"#)
        #expect(meta.author == "Priya Nair")
    }

    @Test("a page without site metadata is named by its title's suffix, else its copyright line, not its host")
    func siteFromPage() throws {
        let h1 = "<h1>Tide mill turns again</h1>"
        let suffixed = try clean(
            head: "<title>Tide mill turns again :: Estuary Post</title>", bodyPrefix: h1,
            url: "https://www.estuarypost.example/2025/03/06/tide-mill")
        #expect(suffixed.site == "Estuary Post")
        #expect(suffixed.title == "Tide mill turns again")
        let footer =
            "<html><head><title>Tide mill turns again</title></head><body>" + h1 + "<article>"
            + Self.body.map { "<p>\($0)</p>" }.joined()
            + "</article><div class=\"footer\"><p>© 1998–2025 Estuary Post Publishing Co. All rights reserved.</p><p>Powered by PressLine 4.2</p></div></body></html>"
        let copyrighted = try Fixtures.clean(footer, url: "https://www.estuarypost.example/tide-mill").document
        #expect(copyrighted.site == "Estuary Post")
        #expect(try clean(url: "https://www.estuarypost.example/tide-mill").site == "estuarypost.example")
        // A headline that contains a dash is not split into a site name.
        let dashed = try clean(
            head: "<title>Tide mill - the first flour in forty years</title>",
            bodyPrefix: "<h1>Tide mill - the first flour in forty years</h1>")
        #expect(dashed.site == nil)
    }

    @Test("copyright lines give the name, without company words; prose about copyright gives none")
    func copyrightNames() {
        #expect(SiteName.fromCopyright("© 2026 The Copperfield Gazette") == "The Copperfield Gazette")
        #expect(
            SiteName.fromCopyright("Copyright @ 2009~2026 Tidewater Times All Rights Reserved.") == "Tidewater Times")
        #expect(
            SiteName.fromCopyright("© 2026 Pinecrest Herald Media Ltd, 4 Market Street, Pinecrest.")
                == "Pinecrest Herald")
        #expect(SiteName.fromCopyright("Copyright (c) 2024, Harbor Ledger Inc.") == "Harbor Ledger")
        #expect(SiteName.fromCopyright("Copyright @ 2007~2025 All Rights Reserved.") == nil)
        #expect(SiteName.fromCopyright("The court said copyright law did not cover the recipe.") == nil)
        #expect(SiteName.fromCopyright("Copyright in the words and pictures stays with their authors.") == nil)
    }

    @Test("the site and date an input already gave (a feed's) are not replaced by ones guessed from the address")
    func inputMetadataKept() throws {
        let harness = try StageHarness(CleanStage.self, options: ["min_text_length": "0"])
        var document = Fixtures.document(
            Fixtures.simplePage(Self.body), url: "https://www.estuarypost.example/2025/03/06/mill")
        document.site = "The Estuary Post"
        document.published = DateFinder.parse("2025-03-06T09:30:00Z")
        let (cleaned, _) = try harness.process(document)
        #expect(cleaned.site == "The Estuary Post")
        #expect(Self.iso(cleaned.published) == "2025-03-06T09:30:00Z")
    }

    @Test("an element classed as the publication date dates a page without <time> or metas")
    func dateClass() throws {
        let document = try clean(
            bodyPrefix: """
                <div class="article-info"><span class="pubdate">Published 6 March 2025, 09:15</span></div>
                """)
        #expect(Self.iso(document.published) == "2025-03-06T09:15:00Z")
    }

    @Test("a date in the URL dates the article when the page has none")
    func urlDate() throws {
        let document = try clean(url: "https://estuarypost.example/news/2025/03/07/tide-mill-opens")
        #expect(Self.iso(document.published) == "2025-03-07T00:00:00Z")
        #expect(document.site == "estuarypost.example")
        let compact = try clean(url: "https://estuarypost.example/tide-mill-opens-20250308.html")
        #expect(Self.iso(compact.published) == "2025-03-08T00:00:00Z")
        let none = try clean(url: "https://estuarypost.example/news/12345/tide-mill")
        #expect(none.published == nil)
    }

    @Test("language comes from <html lang>, else from the text")
    func language() throws {
        #expect(try clean(lang: "de-DE").language == "de-DE")
        #expect(try clean().language == "en")
        let german = Fixtures.simplePage([
            "Die Gezeitenmühle an der Mündung dreht sich wieder, nachdem der Verein sie drei Jahre lang restauriert hat.",
            "Der Bürgermeister sagte, dass die Mühle auch für Schulklassen geöffnet wird und der Eintritt frei ist.",
        ])
        #expect(try Fixtures.clean(german).document.language == "de")
    }

    @Test("dates are read in the shapes pages write them")
    func dateShapes() {
        let cases: [(String, String)] = [
            ("2025-01-09T15:29:47Z", "2025-01-09T15:29:47Z"),
            ("2025-01-09 15:29:47", "2025-01-09T15:29:47Z"),
            ("Thu, 09 Jan 2025 15:29:47 GMT", "2025-01-09T15:29:47Z"),
            ("Jan. 9, 2025, 6:55 a.m.", "2025-01-09T06:55:00Z"),
            ("January 9, 2025 6:55 pm", "2025-01-09T18:55:00Z"),
            ("9 January 2025", "2025-01-09T00:00:00Z"),
            ("Updated: Sept. 30, 2024", "2024-09-30T00:00:00Z"),
            ("2025/01/09", "2025-01-09T00:00:00Z"),
            ("25/12/2024", "2024-12-25T00:00:00Z"),
        ]
        for (text, expected) in cases {
            #expect(DateFinder.parse(text).map(Timestamp.iso8601) == expected, "\(text)")
        }
        #expect(DateFinder.parse("05/06/2024") == nil)  // day and month ambiguous
        #expect(DateFinder.parse("no date here") == nil)
        #expect(
            DateFinder.inLine("Industry dynamics 2025-01-09 15:29:47 Source:").map(Timestamp.iso8601)
                == "2025-01-09T15:29:47Z")
        // Digit runs too long for an Int (found by fuzz-clean: they crashed the parse).
        #expect(DateFinder.parse("2025/99999999999999999999999/09") == nil)
        #expect(DateFinder.parse("66666666666666666666666/01/2025") == nil)
        #expect(DateFinder.inLine("Filed 2025.01.99999999999999999999999 by the desk") == nil)
        // Spelled dates still need ASCII digits; lines without any give nothing.
        #expect(DateFinder.inLine("Published 19 November 2026, 18:05").map(Timestamp.iso8601) == "2026-11-19T18:05:00Z")
        #expect(DateFinder.inLine("Updated November nineteenth") == nil)
        #expect(DateFinder.inLine("١٩ نوفمبر ٢٠٢٦") == nil)
    }

    @Test("copyright lines are found eight bytes at a time exactly where a byte-by-byte reading finds them")
    func copyrightScan() {
        var texts = [
            "", "©", "x©", "© 2026 Harbor Ledger", "Copyright 2026", "COPYRIGHT", "copyrigh", "opyright",
            "xxxxxxxOpyright", "no mark here at all, only words", "\u{C2}", "caf\u{E9} ©", "ooooooooooooooopyrigh",
            "ooooooooooooooopyright", "Oo0oO pyright OPYRIGHT", "\u{A9}\u{C2}", "text then \u{C2}",
        ]
        // Every place and case of each mark in a run of filler, and a C2 or o/O just before a block's end.
        for length in 0...20 {
            for mark in ["©", "opyright", "OPYRIGHT", "oPyRiGhT", "\u{C2}x", "Â", "opyrigh"] {
                for at in 0...length {
                    var filler = Array(String(repeating: "ab ", count: 7).prefix(length))
                    filler.insert(contentsOf: Array(mark), at: at)
                    texts.append(String(filler))
                }
            }
        }
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(BodyHints.mentionsCopyright(buffer) == Self.mentionsCopyrightByteByByte(buffer), "\(text)")
            }
        }
    }

    /// The plain reading: every byte in turn.
    static func mentionsCopyrightByteByByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        for index in 0..<(bytes.count - 1) {
            let byte = bytes[index]
            if byte == 0xC2 && bytes[index + 1] == 0xA9 { return true }
            if byte == UInt8(ascii: "o") || byte == UInt8(ascii: "O"), index + 8 <= bytes.count,
                zip("opyright".utf8, bytes[index...]).allSatisfy({ $0 == $1 | 0x20 })
            {
                return true
            }
        }
        return false
    }
}
