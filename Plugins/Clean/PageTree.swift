import HTML
import TextKit

/// What the extractor needs to know about an element's tag.
enum TagRole: UInt8 {
    /// Never text: script, style, form controls, embedded media.
    case skip
    /// A block that starts a paragraph of its own (`p`, `div`, `li`, …).
    case block
    case heading
    case listItem
    case list
    case cell
    /// A line break: ends the current paragraph.
    case lineBreak
    case link
    /// Anything else: text flows through it (`span`, `b`, `em`, …).
    case inline

    static func of(_ name: String) -> TagRole {
        table[name] ?? .inline
    }

    private static let table: [String: TagRole] = {
        var table: [String: TagRole] = [:]
        for name in [
            "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
            "select", "option", "textarea", "input", "label", "video", "audio", "picture", "img",
            "source", "map", "head", "title", "meta", "link", "dialog",
        ] {
            table[name] = .skip
        }
        for name in [
            "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "header",
            "footer", "nav", "aside", "address", "table", "tbody", "thead", "tfoot", "tr", "dl", "dd", "dt",
            "center", "hr", "form", "fieldset", "details", "summary", "body", "html", "caption", "legend",
            "hgroup", "time-block",
        ] {
            table[name] = .block
        }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] { table[name] = .heading }
        table["li"] = .listItem
        table["ul"] = .list
        table["ol"] = .list
        table["td"] = .cell
        table["th"] = .cell
        table["br"] = .lineBreak
        table["a"] = .link
        return table
    }()
}

/// A page's body flattened into arrays in document order, so the extractor
/// can score subtrees bottom-up and walk them without recursion.
///
/// Index 0 is the body (or the root when a page has none). A subtree is the
/// contiguous range `i ..< end[i]`; `parent[i] < i`.
struct PageTree {
    /// The nodes, by their index here (held as numbers in the document, not as nodes).
    var nodes: Nodes
    struct Nodes {
        let document: HTMLDocument
        var ids: [Int32] = []
        var count: Int { ids.count }
        subscript(index: Int) -> HTMLNode { document.node(Int(ids[index])) }
    }
    var parent: [Int32] = []
    var role: [TagRole] = []
    /// The tag name (elements) or "" (text).
    var name: [String] = []
    /// Elements' `class` and `id` attributes ("" when absent or for text).
    var classes: [String] = []
    var identifiers: [String] = []
    /// Elements' `itemprop` and `role` ("" when absent).
    var itemprops: [String] = []
    var ariaRoles: [String] = []
    var end: [Int32] = []
    /// Scripts of type application/ld+json, as found anywhere in the page.
    var jsonLD: [String] = []

    var count: Int { nodes.count }

    /// Every attribute the clean stage reads: here (`readAttributes`, JSON-LD scripts' `type`)
    /// and in ``PageMetadata`` (meta tags, the canonical link, `lang`, `<time>`, `rel=author`).
    /// Pages are parsed with only these; one read anywhere else must be added here.
    static let attributesRead = AttributeSelection(
        everywhere: ["class", "id", "role", "itemprop", "hidden", "aria-hidden", "style"],
        on: [
            "html": ["lang", "xml:lang"], "meta": ["content", "property", "name", "http-equiv"],
            "link": ["rel", "href"],
            "script": ["type"], "time": ["datetime", "pubdate"], "a": ["rel"],
        ])

    /// `keepingHidden` reads hidden elements too: the second look at a page whose visible
    /// markup gave no article (a page that streams its article into a hidden block and
    /// shows it with a script).
    init(document: HTMLDocument, keepingHidden: Bool = false) {
        nodes = Nodes(document: document)
        guard let start = document.body ?? document.root else { return }
        // Room for every node of the page up front: growing nine arrays step by step copied them
        // over and over. The tree holds no more nodes than the page.
        let capacity = document.nodeCount
        nodes.ids.reserveCapacity(capacity)
        parent.reserveCapacity(capacity)
        role.reserveCapacity(capacity)
        name.reserveCapacity(capacity)
        classes.reserveCapacity(capacity)
        identifiers.reserveCapacity(capacity)
        itemprops.reserveCapacity(capacity)
        ariaRoles.reserveCapacity(capacity)
        end.reserveCapacity(capacity)
        append(start, parent: -1, role: .block, name: start.name)
        _ = readAttributes(of: start)
        var parentIndex = 0
        var stack: [Int] = []
        // Tag name and role per name, looked up once per page and name.
        var tags = [(String, TagRole)?](repeating: nil, count: document.nameCount)
        var current = start.firstChildNode
        while let node = current {
            var descended = false
            switch node.kind {
            case .element:
                let tag: String
                let role: TagRole
                let key = node.nameID ?? 0
                if let known = tags[key] {
                    (tag, role) = known
                } else {
                    tag = node.name
                    role = TagRole.of(tag)
                    tags[key] = (tag, role)
                }
                if role == .skip, tag == "script", let type = node.attribute("type"), Self.isJSONLD(type) {
                    jsonLD.append(node.textContent)
                }
                if role != .skip {
                    let index = nodes.count
                    append(node, parent: parentIndex, role: role, name: tag)
                    // Hidden elements are rare: taking one back is cheaper than holding every
                    // element's attributes aside until they are known.
                    if readAttributes(of: node) && !keepingHidden {
                        removeLast()
                    } else if let child = node.firstChildNode {
                        stack.append(parentIndex)
                        parentIndex = index
                        current = child
                        descended = true
                    }
                }
            case .text:
                append(node, parent: parentIndex, role: .inline, name: "")
            case .comment, .other:
                break
            }
            if descended { continue }
            // Next sibling, or climb until an ancestor has one.
            var here = node
            current = nil
            while true {
                if let sibling = here.nextSiblingNode {
                    current = sibling
                    break
                }
                guard let up = stack.popLast() else { break }
                here = nodes[parentIndex]
                parentIndex = up
            }
        }
        // Subtree ends, bottom-up.
        for index in stride(from: count - 1, through: 1, by: -1) {
            let up = Int(parent[index])
            if end[index] > end[up] { end[up] = end[index] }
        }
        // jsonLD in <head> too.
        if let head = document.head {
            for script in head.descendantElements where script.hasName("script") {
                if let type = script.attribute("type"), Self.isJSONLD(type) {
                    jsonLD.append(script.textContent)
                }
            }
        }
    }

    /// A script type naming JSON-LD ("application/ld+json"), in any case.
    static func isJSONLD(_ type: String) -> Bool {
        ParagraphFilter.containsIgnoringCase(type, jsonLDType)
    }

    private static let jsonLDType = Array("ld+json".utf8)

    /// Appends a node with no attributes read yet (`""` for class, id, itemprop and role).
    private mutating func append(_ node: HTMLNode, parent: Int, role: TagRole, name: String) {
        nodes.ids.append(Int32(node.id))
        classes.append("")
        identifiers.append("")
        itemprops.append("")
        ariaRoles.append("")
        self.parent.append(Int32(parent))
        self.role.append(role)
        self.name.append(name)
        end.append(Int32(nodes.count))
    }

    /// Takes back the node appended last.
    private mutating func removeLast() {
        nodes.ids.removeLast()
        classes.removeLast()
        identifiers.removeLast()
        itemprops.removeLast()
        ariaRoles.removeLast()
        parent.removeLast()
        role.removeLast()
        name.removeLast()
        end.removeLast()
    }

    /// Reads the attributes the extractor needs in one pass over the element's attribute list,
    /// straight into the last node's entries (an intermediate value of four strings, copied in
    /// and destroyed per element, was a sixth of building the tree). Returns whether the element
    /// is hidden: `hidden`, `aria-hidden="true"` or an inline `display:none`/`visibility:hidden`.
    private mutating func readAttributes(of node: HTMLNode) -> Bool {
        let last = nodes.count - 1
        var hidden = false
        node.forEachAttribute { name, value in
            if Attributes.equals(name, "class") {
                classes[last] = value()
            } else if Attributes.equals(name, "id") {
                identifiers[last] = value()
            } else if Attributes.equals(name, "role") {
                ariaRoles[last] = value()
            } else if Attributes.equals(name, "itemprop") {
                itemprops[last] = value()
            } else if Attributes.equals(name, "hidden") {
                hidden = true
            } else if Attributes.equals(name, "aria-hidden") {
                if value().lowercased() == "true" { hidden = true }
            } else if Attributes.equals(name, "style") {
                if Self.hidesByStyle(value()) { hidden = true }
            }
        }
        return hidden
    }

    /// Whether an inline style says `display:none` or `visibility:hidden` (any case, spaces ignored).
    ///
    /// ASCII styles, nearly all of them, are read as bytes: Foundation's `contains` was half the
    /// cost of reading attributes. For ASCII text lowercasing, dropping spaces and searching bytes
    /// give what the same steps on `Character`s give; other styles take those steps.
    static func hidesByStyle(_ style: String) -> Bool {
        var style = style
        let ascii: Bool? = style.withUTF8 { bytes in
            var squeezed: [UInt8] = []
            squeezed.reserveCapacity(bytes.count)
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte != 0x20 { squeezed.append(ParagraphFilter.lower(byte)) }
            }
            return ByteSearch.contains(squeezed, displayNone) || ByteSearch.contains(squeezed, visibilityHidden)
        }
        if let ascii { return ascii }
        let squeezed = style.lowercased().filter { $0 != " " }
        return squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// Attribute-name matching, shared with the metadata reader.
    enum Attributes {

        /// ASCII case-insensitive comparison of an attribute name with a lowercase literal.
        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            return literal.withUTF8Buffer { expected in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    if lower != expected[index] { return false }
                }
                return true
            }
        }
    }
}
