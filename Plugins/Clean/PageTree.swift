import HTML

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
        for name in ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
                     "select", "option", "button", "textarea", "input", "label", "video", "audio", "picture", "img",
                     "source", "map", "head", "title", "meta", "link", "dialog"] {
            table[name] = .skip
        }
        for name in ["p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "header",
                     "footer", "nav", "aside", "address", "table", "tbody", "thead", "tfoot", "tr", "dl", "dd", "dt",
                     "center", "hr", "form", "fieldset", "details", "summary", "body", "html", "caption", "legend",
                     "hgroup", "time-block"] {
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
    var nodes: [HTMLNode] = []
    var parent: [Int32] = []
    var role: [TagRole] = []
    /// The tag name (elements) or "" (text).
    var name: [String] = []
    /// Text nodes' text; "" for elements.
    var text: [String] = []
    var end: [Int32] = []
    /// Scripts of type application/ld+json, as found anywhere in the page.
    var jsonLD: [String] = []

    var count: Int { nodes.count }

    init(document: HTMLDocument) {
        guard let start = document.body ?? document.root else { return }
        append(start, parent: -1, role: .block, name: start.name)
        var parentIndex = 0
        var stack: [Int] = []
        var current = start.firstChildNode
        while let node = current {
            var descended = false
            switch node.kind {
            case .element:
                let tag = node.name
                var role = TagRole.of(tag)
                if role == .skip {
                    if tag == "script", let type = node.attribute("type"), type.lowercased().contains("ld+json") {
                        jsonLD.append(node.textContent)
                    }
                } else if Self.isHidden(node) {
                    role = .skip
                }
                if role != .skip {
                    let index = nodes.count
                    append(node, parent: parentIndex, role: role, name: tag)
                    if let child = node.firstChildNode {
                        stack.append(parentIndex)
                        parentIndex = index
                        current = child
                        descended = true
                    }
                }
            case .text:
                append(node, parent: parentIndex, role: .inline, name: "", text: node.text)
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
                if let type = script.attribute("type"), type.lowercased().contains("ld+json") {
                    jsonLD.append(script.textContent)
                }
            }
        }
    }

    private mutating func append(_ node: HTMLNode, parent: Int, role: TagRole, name: String, text: String = "") {
        nodes.append(node)
        self.parent.append(Int32(parent))
        self.role.append(role)
        self.name.append(name)
        self.text.append(text)
        end.append(Int32(nodes.count))
    }

    /// `hidden`, `aria-hidden="true"` or an inline `display:none`.
    static func isHidden(_ node: HTMLNode) -> Bool {
        if node.attribute("hidden") != nil { return true }
        if let value = node.attribute("aria-hidden"), value.lowercased() == "true" { return true }
        if let value = node.attribute("style") {
            let style = value.lowercased().filter { $0 != " " }
            if style.contains("display:none") || style.contains("visibility:hidden") { return true }
        }
        return false
    }
}
