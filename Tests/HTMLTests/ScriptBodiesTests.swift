import Testing

@testable import HTML

@Suite("parsing without script bodies")
struct ScriptBodiesTests {
    func stripped(_ html: String) -> String? {
        var html = html
        return html.withUTF8 { ScriptBodies.removed(from: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("script and style bodies go, JSON-LD stays, the elements stay empty")
    func removesBodies() {
        let page = #"""
            <html><head><style>p { color: red }</style><script type="application/ld+json">{"@type": "NewsArticle"}</script>
            <SCRIPT src="a.js"></SCRIPT><script>var x = "<p>not text</p>"; if (a < b) {}</script></head>
            <body><p>Kept text.</p><script>document.write("</p>")</script><p>More text.</p></body></html>
            """#
        #expect(stripped(page) == #"""
            <html><head><style></style><script type="application/ld+json">{"@type": "NewsArticle"}</script>
            <SCRIPT src="a.js"></SCRIPT><script></script></head>
            <body><p>Kept text.</p><script></script><p>More text.</p></body></html>
            """#)
        let document = HTMLDocument(parsing: page, skippingScripts: true)
        #expect(document.body?.textContent == "Kept text.More text.")
        #expect(document.elements(named: "script").count == 4)
    }

    @Test("drawings, fallbacks and templates lose their bodies; comments go whole")
    func otherBodies() {
        let page = #"<p>Text.</p><svg viewBox="0 0 9 9"><path d="M0 0"/><text>icon</text></svg><noscript><img src=a.png></noscript><template><p>row</p></template><!-- ad slot --><p>More.</p>"#
        #expect(stripped(page) == #"<p>Text.</p><svg viewBox="0 0 9 9"></svg><noscript></noscript><template></template><p>More.</p>"#)
    }

    @Test("a commented-out or unclosed script takes no text with it; look-alike tags are not scripts")
    func leavesTextAlone() {
        let commented = "<p>One.</p><!-- <script src=old.js> --><p>Two.</p><script>x()</script><p>Three.</p>"
        #expect(stripped(commented) == "<p>One.</p><p>Two.</p><script></script><p>Three.</p>")
        #expect(stripped("<p>One.</p><!-- never closed <p>Two.</p>") == nil)
        #expect(stripped("<p>One.</p><script>never closed <p>Two.</p>") == nil)
        #expect(stripped("<scripts>Kept.</scripts><svgs>Kept too.</svgs><stylesheet>Also.</stylesheet>") == nil)
        #expect(stripped(#"<script data-x="a>b">code()</script><p>Text.</p>"#) == #"<script data-x="a>b"></script><p>Text.</p>"#)
        #expect(stripped("<p>No scripts at all.</p>") == nil)
    }
}
