import CLibXML2

/// One node of an ``HTMLDocument``: an element, a text run or a comment.
///
/// A node keeps its document alive; it is a cheap value (an index and a
/// reference). Names are lowercase, as libxml2's HTML parser stores them.
/// Every traversal here is iterative, so a deeply nested page cannot
/// overflow the stack.
public struct HTMLNode: @unchecked Sendable, Hashable {
    let index: Int32
    let document: HTMLDocument

    init(_ index: Int32, in document: HTMLDocument) {
        self.index = index
        self.document = document
    }

    public static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool {
        lhs.index == rhs.index && lhs.document === rhs.document
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(ObjectIdentifier(document))
    }

    private var node: TreeStore.Node { document.store.nodes[Int(index)] }

    /// The node's number in its document: ``HTMLDocument/node(_:)`` gives it back. Holding
    /// numbers instead of nodes spares a reference count per node held.
    public var id: Int { Int(index) }

    /// What kind of node this is.
    public enum Kind: Sendable {
        case element
        case text
        case comment
        case other
    }

    public var kind: Kind {
        switch node.kind {
        case .element: return .element
        case .text, .cdata: return .text
        case .comment: return .comment
        case .other: return .other
        }
    }

    public var isElement: Bool { node.kind == .element }
    public var isText: Bool { kind == .text }

    /// The element's tag name in lowercase (`"p"`); `""` for other nodes.
    public var name: String {
        let name = node.name
        return name >= 0 ? document.store.names[Int(name)] : ""
    }

    /// The element's name as a small number, the same for the same name within one document
    /// (below ``HTMLDocument/nameCount``): a cheap key for caching what a tag means. Nil for
    /// non-elements.
    public var nameID: Int? {
        let name = node.name
        return name >= 0 ? Int(name) : nil
    }

    /// Whether this is an element called `name` (lowercase), without making a String.
    public func hasName(_ name: StaticString) -> Bool {
        let own = node.name
        guard own >= 0 else { return false }
        return name.withUTF8Buffer { expected in
            document.store.nameBytes[Int(own)].elementsEqual(expected)
        }
    }

    /// A text or comment node's own text; `""` for elements.
    public var text: String {
        let node = node
        guard node.kind != .element else { return "" }
        return document.store.string(start: node.start, count: node.count)
    }

    /// Calls `body` with the text node's bytes (UTF-8, not NUL-terminated) without copying.
    public func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let node = node
        guard node.kind != .element else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try document.store.withBytes(start: node.start, count: node.count, body)
    }

    /// The value of attribute `name` (any case), or nil when the element has none.
    public func attribute(_ name: String) -> String? {
        var found: String?
        var wanted = name
        wanted.withUTF8 { wanted in
            forEachAttribute { attributeName, value in
                if found == nil, Self.equalsIgnoringCase(attributeName, wanted) { found = value() }
            }
        }
        return found
    }

    private static func equalsIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] {
            let x = a[index], y = b[index]
            let lowerX = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
            let lowerY = y >= 0x41 && y <= 0x5A ? y | 0x20 : y
            if lowerX != lowerY { return false }
        }
        return true
    }

    /// Calls `body` with each attribute's name (as libxml2 stores it, not
    /// NUL-terminated) and a closure that makes its value, without building
    /// strings for the attributes nobody asks about.
    ///
    /// The attribute list and the byte buffer are opened once for all of an element's
    /// attributes (opening them per attribute was a third of reading a page's attributes).
    public func forEachAttribute(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: () -> String) -> Void) {
        let node = node
        guard node.kind == .element, node.count > 0 else { return }
        let store = document.store
        store.attributes.withUnsafeBufferPointer { attributes in
            store.bytes.withUnsafeBufferPointer { bytes in
                for attribute in attributes[Int(node.start)..<Int(node.start + node.count)] {
                    let nameStart = Int(attribute.nameStart), valueStart = Int(attribute.valueStart)
                    let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameStart + Int(attribute.nameCount)])
                    body(name) {
                        String(
                            decoding: UnsafeBufferPointer(
                                rebasing: bytes[valueStart..<valueStart + Int(attribute.valueCount)]),
                            as: UTF8.self)
                    }
                }
            }
        }
    }

    /// Every attribute as (name, value), in source order.
    public var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        forEachAttribute { name, value in result.append((String(decoding: name, as: UTF8.self), value())) }
        return result
    }

    public var parent: HTMLNode? {
        let parent = node.parent
        return parent >= 0 ? HTMLNode(parent, in: document) : nil
    }

    public var firstChildNode: HTMLNode? {
        let child = node.firstChild
        return child >= 0 ? HTMLNode(child, in: document) : nil
    }

    public var nextSiblingNode: HTMLNode? {
        let next = node.next
        return next >= 0 ? HTMLNode(next, in: document) : nil
    }

    /// The direct children (elements, text and comments), in order.
    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = node.firstChild
        while child >= 0 {
            result.append(HTMLNode(child, in: document))
            child = document.store.nodes[Int(child)].next
        }
        return result
    }

    /// The first direct child element called `name`.
    public func firstChild(named name: String) -> HTMLNode? {
        children.first { $0.isElement && $0.name == name }
    }

    /// How many elements enclose this one.
    public var depth: Int {
        var depth = 0
        var up = node.parent
        while up >= 0 {
            depth += 1
            up = document.store.nodes[Int(up)].parent
        }
        return depth
    }

    /// The text of every text node below, concatenated in document order
    /// (script and style contents included: filter with ``descendants``
    /// for anything smarter).
    public var textContent: String {
        if !isElement { return text }
        var bytes: [UInt8] = []
        for node in Descendants(start: self, elementsOnly: false, includeStart: false) where node.isText {
            node.withTextBytes { bytes.append(contentsOf: $0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every node below this one in document order, without recursion.
    public var descendants: Descendants { Descendants(start: self, elementsOnly: false, includeStart: false) }

    /// Every element below this one in document order, without recursion.
    public var descendantElements: Descendants { Descendants(start: self, elementsOnly: true, includeStart: false) }

    /// A depth-first walk of a subtree that keeps no stack: it follows
    /// child, sibling and parent links.
    public struct Descendants: Sequence {
        let start: HTMLNode?
        let elementsOnly: Bool
        let includeStart: Bool

        public func makeIterator() -> Iterator {
            Iterator(start: start, elementsOnly: elementsOnly, includeStart: includeStart)
        }

        public struct Iterator: IteratorProtocol {
            let root: Int32
            let document: HTMLDocument?
            let elementsOnly: Bool
            var upcoming: Int32

            init(start: HTMLNode?, elementsOnly: Bool, includeStart: Bool) {
                root = start?.index ?? -1
                document = start?.document
                self.elementsOnly = elementsOnly
                upcoming = -1
                if let start {
                    upcoming = includeStart ? start.index : step(from: start.index, descend: true)
                }
            }

            /// The node after `node` in document order, staying inside `root`.
            func step(from node: Int32, descend: Bool) -> Int32 {
                guard let nodes = document?.store.nodes, node >= 0 else { return -1 }
                if descend, nodes[Int(node)].kind == .element, nodes[Int(node)].firstChild >= 0 {
                    return nodes[Int(node)].firstChild
                }
                var node = node
                while node != root {
                    let next = nodes[Int(node)].next
                    if next >= 0 { return next }
                    node = nodes[Int(node)].parent
                    if node < 0 { return -1 }
                }
                return -1
            }

            public mutating func next() -> HTMLNode? {
                guard let document else { return nil }
                while upcoming >= 0 {
                    let current = upcoming
                    upcoming = step(from: current, descend: true)
                    if !elementsOnly || document.store.nodes[Int(current)].kind == .element {
                        return HTMLNode(current, in: document)
                    }
                }
                return nil
            }

            /// Skips the subtree of the node last returned by ``next()``.
            public mutating func skipChildren(of node: HTMLNode) {
                upcoming = step(from: node.index, descend: false)
            }
        }
    }
}
