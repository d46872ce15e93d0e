import CLibXML2

/// A parsed HTML page: libxml2's HTML parser behind a small, read-only DOM.
///
/// Parsing never fails: libxml2 recovers from malformed markup the way
/// browsers do (implied `<html>`/`<body>`, unclosed tags closed). Nesting
/// deeper than libxml2's limit (256 levels) ends the parse there; what was
/// read so far is kept. The document is immutable once parsed, so it can be
/// read from several threads.
///
/// The tree is built from the parser's SAX events straight into flat arrays
/// (``TreeBuilder``), the same tree libxml2's own DOM would hold (checked
/// against it node for node in `HTMLTests`), without a `malloc` per node,
/// attribute and text run and without freeing them all again: that was a
/// third of the parse.
///
/// ```swift
/// let page = HTMLDocument(parsing: "<p>Hello <b>world</b></p>")
/// page.body?.textContent  // "Hello world"
/// ```
public final class HTMLDocument: @unchecked Sendable {
    let store: TreeStore

    /// Parses `html`, given as text (libxml2 reads it as UTF-8 and ignores any
    /// charset the page declares: decoding is the reader's job).
    ///
    /// With `skippingScripts`, the bodies of `<script>` (except JSON-LD), `<style>`, `<svg>`,
    /// `<noscript>` and `<template>` elements, and comments, are left out before parsing: the
    /// elements are still there, empty. Readers of text and metadata lose nothing and parse
    /// about a third faster.
    ///
    /// With `droppingBlankText`, text nodes of white space only between block elements
    /// (`<p>…</p>\n<p>…</p>`) are not made; white space between inline elements is kept.
    ///
    /// With `attributes`, only the attributes it keeps are read: the others are cut before
    /// parsing (see ``AttributeSelection``), and the tree is otherwise the one a full parse makes.
    ///
    /// With `shorteningBlanks`, white space alone between two tags is cut to its first character
    /// before parsing (not on pages with `<pre>`, `<textarea>`, `<xmp>`, `<listing>` or
    /// `<plaintext>`): the same nodes, with shorter runs of white space. For readers that fold
    /// white space anyway.
    public convenience init(
        parsing html: String, skippingScripts: Bool = false, droppingBlankText: Bool = false,
        attributes: AttributeSelection = .all, shorteningBlanks: Bool = false
    ) {
        var html = html
        let store = html.withUTF8 { bytes in
            if skippingScripts || !attributes.keepsAll || shorteningBlanks,
                let lighter = Prefilter.apply(
                    to: bytes, skippingScripts: skippingScripts, attributes: attributes,
                    shorteningBlanks: shorteningBlanks)
            {
                return lighter.withUnsafeBufferPointer { TreeBuilder.parse($0, droppingBlankText: droppingBlankText) }
            }
            return TreeBuilder.parse(bytes, droppingBlankText: droppingBlankText)
        }
        self.init(store: store)
    }

    /// Parses UTF-8 bytes.
    public convenience init(parsing bytes: UnsafeBufferPointer<UInt8>) {
        self.init(store: TreeBuilder.parse(bytes, droppingBlankText: false))
    }

    init(store: TreeStore) {
        self.store = store
    }

    /// The root element (`<html>`), or nil for an empty page.
    public var root: HTMLNode? {
        store.root >= 0 ? HTMLNode(store.root, in: self) : nil
    }

    /// The `<head>` element, when the page has one.
    public var head: HTMLNode? { root?.firstChild(named: "head") }

    /// The `<body>` element, when the page has one.
    public var body: HTMLNode? { root?.firstChild(named: "body") }

    /// Every element in document order (depth first, without recursion).
    public var elements: HTMLNode.Descendants {
        HTMLNode.Descendants(start: root, elementsOnly: true, includeStart: true)
    }

    /// Every element named `name` (lowercase), in document order.
    public func elements(named name: String) -> [HTMLNode] {
        elements.filter { $0.name == name }
    }

    /// The node numbered `id` (an ``HTMLNode/id`` of this document).
    public func node(_ id: Int) -> HTMLNode {
        precondition(id >= 0 && id < store.nodes.count, "no node \(id) in this document")
        return HTMLNode(Int32(id), in: self)
    }

    /// How many distinct element names the page uses: ``HTMLNode/nameID`` is below this.
    public var nameCount: Int { store.names.count }

    /// How many nodes the page has, of every kind: ``HTMLNode/id`` is below this. A bound for
    /// sizing arrays kept per node.
    public var nodeCount: Int { store.nodes.count }
}
