import CLibXML2
import Foundation
@testable import HTML
import Testing

/// The tree built from SAX events must be the tree libxml2's own DOM builder makes: these
/// tests parse each page both ways and compare every node (kind, name, attributes, text,
/// depth) in document order.
@Suite("TreeBuilder")
struct TreeBuilderTests {
    /// Our tree, one line per node in document order, with the attributes `keeping` keeps
    /// (given the element's and the attribute's names).
    static func lines(_ document: HTMLDocument, keeping: (String, String) -> Bool = { _, _ in true }) -> [String] {
        guard let root = document.root else { return [] }
        var lines: [String] = []
        var iterator = HTMLNode.Descendants(start: root, elementsOnly: false, includeStart: true).makeIterator()
        while let node = iterator.next() {
            let depth = node.depth
            switch node.kind {
            case .element:
                let attributes = node.attributes.filter { keeping(node.name, $0.name) }.map { "\($0.name)=\($0.value)" }
                    .joined(separator: "|")
                lines.append("\(depth) <\(node.name) \(attributes)>")
            case .text: lines.append("\(depth) text \(node.text.debugDescription)")
            case .comment: lines.append("\(depth) comment \(node.text.debugDescription)")
            case .other: lines.append("\(depth) other")
            }
        }
        return lines
    }

    /// libxml2's DOM of the same bytes, one line per node in the same form.
    static func libxml2Lines(_ bytes: [UInt8], droppingBlankText: Bool) -> [String] {
        var options =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue
        if droppingBlankText { options |= HTML_PARSE_NOBLANKS.rawValue }
        guard !bytes.isEmpty else { return [] }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, nil, Int32(options))
            }
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return [] }
        func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
            pointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))), as: UTF8.self) }
                ?? ""
        }
        var lines: [String] = []
        var node: xmlNodePtr? = root
        var depth = 1
        while let current = node {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                var attributes: [String] = []
                var attribute = current.pointee.properties
                while let a = attribute {
                    var value = ""
                    var child = a.pointee.children
                    while let c = child {
                        value += string(c.pointee.content)
                        child = c.pointee.next
                    }
                    attributes.append("\(string(a.pointee.name))=\(value)")
                    attribute = a.pointee.next
                }
                lines.append("\(depth - 1) <\(string(current.pointee.name)) \(attributes.joined(separator: "|"))>")
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                lines.append("\(depth - 1) text \(string(current.pointee.content).debugDescription)")
            case XML_COMMENT_NODE:
                lines.append("\(depth - 1) comment \(string(current.pointee.content).debugDescription)")
            default:
                lines.append("\(depth - 1) other")
            }
            if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
                node = child
                depth += 1
                continue
            }
            var here: xmlNodePtr? = current
            node = nil
            while let h = here, h != root {
                if let next = h.pointee.next {
                    node = next
                    break
                }
                here = h.pointee.parent
                depth -= 1
            }
        }
        return lines
    }

    static func expectSameTree(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(html.utf8)
        for dropping in [false, true] {
            let ours = lines(HTMLDocument(parsing: html, droppingBlankText: dropping))
            let theirs = libxml2Lines(bytes, droppingBlankText: dropping)
            if ours != theirs {
                let first =
                    zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(ours.count, theirs.count)
                Issue.record(
                    """
                    dropping blank text \(dropping): trees differ at node \(first) of \(ours.count)/\(theirs.count)
                    ours:    \(first < ours.count ? ours[first] : "(end)")
                    libxml2: \(first < theirs.count ? theirs[first] : "(end)")
                    """, sourceLocation: sourceLocation)
            }
        }
    }

    @Test("implied elements, unclosed and misnested tags, entities")
    func recovery() {
        Self.expectSameTree("<p class=lead>Caf&eacute; &amp; bar&nbsp;&#8212; <b>open</b></p>")
        Self.expectSameTree("<div><p>One<p>Two</div><span>Three <i>four</b> five</span><p>unclosed")
        Self.expectSameTree("<table><tr><td>a<td>b<tr><td>c</table><ul><li>one<li>two</ul><dl><dt>x<dd>y</dl>")
        Self.expectSameTree("text before any tag<html><body>late html</body></html>trailing text")
        Self.expectSameTree("<html lang=en><body><html lang=fr class=x><p>second html tag</p></body></html>")
        Self.expectSameTree("<head><title>A &lt;title&gt;</title><body><body class=again><p>two bodies")
    }

    @Test("attributes: bare, boolean, duplicate, any case, entities in values")
    func attributes() {
        Self.expectSameTree(
            "<div hidden id=a ID=b data-x='1 &amp; 2' CLASS=\"c d\"><option selected>o</option><input disabled checked value></div>"
        )
        Self.expectSameTree("<a href=/x?a=1&b=2 title=\"&quot;q&quot;\">link</a><img src=a.png alt>")
    }

    @Test("blank text between blocks, inline elements, comments and character references")
    func blankText() {
        Self.expectSameTree(
            "<html>\n<head>\n<title>T</title>\n<meta name=a content=b>\n</head>\n<body><p><b>Harbour</b> <i>seals</i> return</p>\n<p>Two</p></body></html>"
        )
        Self.expectSameTree(
            "<body>\n<div>\n  <span>a</span> <span>b</span>\n</div>\n<!-- note -->\n<ul>\n<li>x</li>\n</ul>\n<p>\n</p>\n</body>"
        )
        Self.expectSameTree(
            "<div><!-- c --> <b>x</b><!-- d -->\n<section>\n<em>y</em>&#32;<i>z</i>&#10;</section></div>")
        Self.expectSameTree(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><body>\n<p>a</p>\n <div>b</div>\n</body></html>")
        Self.expectSameTree("<!doctype html><html><body>\n<p>a</p>\n <div>b</div>\n</body></html>")
        Self.expectSameTree(
            "<pre>\n  code\n</pre><table>\n<tr>\n<td> </td>\n</tr>\n</table>" + String(repeating: " ", count: 2500)
                + "<p>x</p>")
    }

    @Test("scripts, styles, processing instructions, CDATA")
    func rawText() {
        Self.expectSameTree(
            "<head><script>if (a < b) { x = '</div>' }</script><style>p{}</style></head><body><?php echo 1 ?>\n<p>t</p>"
        )
        Self.expectSameTree(
            "<script type=application/ld+json>" + String(repeating: "{\"a\": \"b\"} ", count: 300) + "</script><p>x")
        Self.expectSameTree("<svg><![CDATA[raw]]></svg><math><mi>x</mi></math>")
    }

    @Test(
        "nesting up to libxml2's depth limit builds libxml2's tree; deeper elements are flattened and their text kept")
    func depthLimit() {
        Self.expectSameTree(String(repeating: "<span>", count: 254) + "edge")
        Self.expectSameTree(String(repeating: "<span>", count: 255) + "edge")
        // Past the limit libxml2's DOM stops and loses "deep" and "after"; ours keeps both.
        let page = HTMLDocument(
            parsing: "<html><body>" + String(repeating: "<div>", count: 300) + "deep"
                + String(repeating: "</div>", count: 300) + "<p>after</p>")
        #expect(page.body?.textContent == "deepafter")
        #expect(page.elements(named: "div").count == 255)
        #expect(page.elements(named: "p").first?.depth == 2)
        let spans = HTMLDocument(parsing: String(repeating: "<span>", count: 256) + "edge")
        #expect(spans.root?.textContent == "edge")
    }

    @Test("a text node over libxml2's 10,000,000-byte limit stops the parse the same way")
    func hugeText() {
        Self.expectSameTree("<p>" + String(repeating: "word ", count: 2_100_000) + "</p><p>after</p>")
    }

    @Test("binary-looking and invalid input")
    func noise() {
        let noise = String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, as: UTF8.self)
        Self.expectSameTree(noise)
        Self.expectSameTree("<<p>>a</</p><p <b>c</b>& &; &#xZZ; &#99999999;<")
    }

    /// Every `.html` (or `.html.gz`) page under `$PIPE_HTML_ORACLE_DIR`, when set: the same
    /// comparison on real pages (the benchmark corpus, the AEB pages), not part of a normal run.
    @Test(
        "real pages from PIPE_HTML_ORACLE_DIR",
        .enabled(if: ProcessInfo.processInfo.environment["PIPE_HTML_ORACLE_DIR"] != nil))
    func realPages() throws {
        let directory = ProcessInfo.processInfo.environment["PIPE_HTML_ORACLE_DIR"]!
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".html") }
            .sorted()
        var differing = 0
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
            let html = String(decoding: data, as: UTF8.self)
            for dropping in [false, true] {
                if Self.lines(HTMLDocument(parsing: html, droppingBlankText: dropping))
                    != Self.libxml2Lines(Array(html.utf8), droppingBlankText: dropping)
                {
                    differing += 1
                    Issue.record("\(file) (dropping blank text: \(dropping)): trees differ")
                }
            }
        }
        #expect(differing == 0)
        #expect(!files.isEmpty)
    }
}
