import HTML
import Testing

@Suite("HTMLDocument")
struct HTMLDocumentTests {
    @Test("a fragment gets the implied html and body, and text decodes entities")
    func impliedStructure() {
        let page = HTMLDocument(parsing: "<p class=lead>Caf&eacute; &amp; bar&nbsp;&#8212; <b>open</b></p>")
        #expect(page.root?.name == "html")
        let paragraph = page.body?.firstChild(named: "p")
        #expect(paragraph?.attribute("class") == "lead")
        #expect(paragraph?.attribute("CLASS") == "lead")
        #expect(paragraph?.attribute("id") == nil)
        #expect(paragraph?.textContent == "Café & bar\u{00A0}— open")
    }

    @Test("head and body are found, and elements come in document order")
    func documentOrder() {
        let page = HTMLDocument(
            parsing: """
                <!doctype html><html lang="en"><head><title>T</title><meta name="author" content="Ana Ruiz"></head>
                <body><div><h1>One</h1><p>Two</p></div><p>Three</p></body></html>
                """)
        #expect(page.root?.attribute("lang") == "en")
        #expect(page.head?.firstChild(named: "title")?.textContent == "T")
        #expect(page.elements(named: "meta").first?.attribute("content") == "Ana Ruiz")
        let names = page.body!.descendantElements.map(\.name)
        #expect(names == ["div", "h1", "p", "p"])
        #expect(page.elements(named: "p").map(\.textContent) == ["Two", "Three"])
        #expect(page.elements(named: "h1").first?.depth == 3)  // html > body > div > h1
    }

    @Test("malformed markup is recovered the way browsers do")
    func malformed() {
        let page = HTMLDocument(parsing: "<div><p>One<p>Two</div><span>Three <i>four</b> five</span><p>unclosed")
        let paragraphs = page.elements(named: "p").map(\.textContent)
        #expect(paragraphs == ["One", "Two", "unclosed"])
        #expect(page.elements(named: "span").first?.textContent == "Three four five")
    }

    @Test("the walk can skip a subtree")
    func skipping() {
        let page = HTMLDocument(parsing: "<body><nav><a>Home</a><a>News</a></nav><p>Body <b>text</b></p></body>")
        var seen: [String] = []
        var iterator = page.body!.descendants.makeIterator()
        while let node = iterator.next() {
            if node.hasName("nav") {
                iterator.skipChildren(of: node)
                continue
            }
            if node.isText { seen.append(node.text) }
        }
        #expect(seen == ["Body ", "text"])
        #expect(page.body!.firstChild(named: "nav")!.hasName("nav"))
        #expect(!page.body!.firstChild(named: "nav")!.hasName("na"))
    }

    @Test("empty, whitespace-only and binary-looking input parse without crashing")
    func degenerate() {
        #expect(HTMLDocument(parsing: "").root == nil)
        _ = HTMLDocument(parsing: "   \n ").body
        let noise = String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, as: UTF8.self)
        let page = HTMLDocument(parsing: noise)
        _ = page.root?.textContent
    }

    @Test("100k-deep nesting neither crashes the parser nor our walk")
    func deepNesting() {
        let depth = 100_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "deep text"
            + String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
        let page = HTMLDocument(parsing: html)
        // libxml2 stops at its depth limit and keeps what it read; we only
        // require that walking whatever came back works and is bounded.
        let count = page.elements.reduce(0) { count, _ in count + 1 }
        #expect(count > 0)
        #expect(count <= depth + 4)
        _ = page.body?.textContent
        let deepest = page.elements.max { $0.depth < $1.depth }
        #expect((deepest?.depth ?? 0) >= 100)
    }

    @Test("text nested deeper than the depth limit is kept, flattened into the element at the limit")
    func textBeyondDepthLimit() {
        let depth = 400
        var html = "<html><body><p>before</p>"
        for level in 0..<depth { html += "<div>level \(level) " }
        html += "<span>deep text</span>"
        html += String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
        let page = HTMLDocument(parsing: html)
        let text = page.body?.textContent ?? ""
        #expect(text.contains("level 399 deep text"))
        #expect(text.contains("level 100 level 101"))
        #expect(text.hasSuffix("after"))
        let deepest = page.elements.map(\.depth).max() ?? 0
        #expect(deepest <= 257)  // TreeBuilder.depthLimit + 1: the element opened at the limit
        // The paragraph after the deep run is a child of body again: the flattened ends were matched.
        #expect(page.elements(named: "p").map(\.depth) == [2, 2])
    }

    @Test("a document and its nodes can be read from several tasks at once")
    func concurrentReads() async {
        let page = HTMLDocument(parsing: "<p>" + String(repeating: "word ", count: 1000) + "</p>")
        let lengths = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { page.body?.textContent.count ?? 0 } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(lengths) == [5000])
    }

    @Test("dropping blank text leaves out the blank lines between head elements and keeps the body's text as it was")
    func blankText() {
        let html =
            "<html>\n<head>\n<title>T</title>\n<meta name=a content=b>\n</head>\n<body><p><b>Harbour</b> <i>seals</i> return</p>\n<p>Two</p></body></html>"
        let kept = HTMLDocument(parsing: html)
        let dropped = HTMLDocument(parsing: html, droppingBlankText: true)
        #expect(kept.head?.children.count == 5)
        #expect(dropped.head?.children.count == 2)
        #expect(dropped.body?.textContent == kept.body?.textContent)
        #expect(dropped.body?.textContent == "Harbour seals return\nTwo")
    }
}
