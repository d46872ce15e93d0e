import CLibXML2

/// One node of an ``HTMLDocument``: an element, a text run or a comment.
///
/// A node keeps its document alive; it is a cheap value (a pointer and a
/// reference). Names are lowercase, as libxml2's HTML parser stores them.
/// Every traversal here is iterative, so a deeply nested page cannot
/// overflow the stack.
public struct HTMLNode: @unchecked Sendable, Hashable {
    let pointer: xmlNodePtr
    let document: HTMLDocument

    init(_ pointer: xmlNodePtr, in document: HTMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    public static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool { lhs.pointer == rhs.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    /// What kind of node this is.
    public enum Kind: Sendable {
        case element
        case text
        case comment
        case other
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
        case XML_COMMENT_NODE: return .comment
        default: return .other
        }
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    public var isText: Bool { kind == .text }

    /// The element's tag name in lowercase (`"p"`); `""` for other nodes.
    public var name: String {
        guard isElement, let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// libxml2's copy of the element's name: the parser interns names, so within one document
    /// the same name is the same address (a cheap key for caching what a tag means). Nil for non-elements.
    public var nameAddress: UnsafeRawPointer? {
        guard isElement, let name = pointer.pointee.name else { return nil }
        return UnsafeRawPointer(name)
    }

    /// Whether this is an element called `name` (lowercase), without making a String.
    public func hasName(_ name: StaticString) -> Bool {
        guard isElement, let own = pointer.pointee.name else { return false }
        return name.withUTF8Buffer { expected in
            var index = 0
            while index < expected.count {
                if own[index] != expected[index] { return false }
                index += 1
            }
            return own[index] == 0
        }
    }

    /// A text or comment node's own text; `""` for elements.
    public var text: String {
        guard !isElement, let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// Calls `body` with the text node's bytes (UTF-8, not NUL-terminated) without copying.
    public func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard !isElement, let content = pointer.pointee.content else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// The value of attribute `name`, or nil when the element has none.
    public func attribute(_ name: String) -> String? {
        guard isElement, pointer.pointee.properties != nil else { return nil }
        return name.withCString { cName in
            cName.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { wanted in
                var attribute = pointer.pointee.properties
                while let current = attribute {
                    if let attributeName = current.pointee.name, xmlStrcasecmp(attributeName, wanted) == 0 {
                        return Self.value(of: current)
                    }
                    attribute = current.pointee.next
                }
                return nil
            }
        }
    }

    /// Calls `body` with each attribute's name (as libxml2 stores it, not
    /// NUL-terminated) and a closure that makes its value, without building
    /// strings for the attributes nobody asks about.
    public func forEachAttribute(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: () -> String) -> Void) {
        guard isElement else { return }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                body(UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))) { Self.value(of: current) }
            }
            attribute = current.pointee.next
        }
    }

    /// Every attribute as (name, value), in source order.
    public var attributes: [(name: String, value: String)] {
        guard isElement else { return [] }
        var result: [(String, String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                result.append((String(cString: name), Self.value(of: current)))
            }
            attribute = current.pointee.next
        }
        return result
    }

    private static func value(of attribute: xmlAttrPtr) -> String {
        // An attribute's value is its children's text; nearly always one text node.
        var result = ""
        var child = attribute.pointee.children
        while let current = child {
            if let content = current.pointee.content { result += String(cString: content) }
            child = current.pointee.next
        }
        return result
    }

    public var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(parent, in: document)
    }

    public var firstChildNode: HTMLNode? { pointer.pointee.children.map { HTMLNode($0, in: document) } }
    public var nextSiblingNode: HTMLNode? { pointer.pointee.next.map { HTMLNode($0, in: document) } }

    /// The direct children (elements, text and comments), in order.
    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(HTMLNode(current, in: document))
            child = current.pointee.next
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
        var node = pointer.pointee.parent
        while let current = node, current.pointee.type == XML_ELEMENT_NODE {
            depth += 1
            node = current.pointee.parent
        }
        return depth
    }

    /// The text of every text node below, concatenated in document order
    /// (script and style contents included: filter with ``descendants``
    /// for anything smarter).
    public var textContent: String {
        if !isElement { return text }
        var result = ""
        for node in Descendants(start: self, elementsOnly: false, includeStart: false) where node.isText {
            result += node.text
        }
        return result
    }

    /// Every node below this one in document order, without recursion.
    public var descendants: Descendants { Descendants(start: self, elementsOnly: false, includeStart: false) }

    /// Every element below this one in document order, without recursion.
    public var descendantElements: Descendants { Descendants(start: self, elementsOnly: true, includeStart: false) }

    /// A depth-first walk of a subtree that keeps no stack: it follows
    /// child, sibling and parent pointers.
    public struct Descendants: Sequence {
        let start: HTMLNode?
        let elementsOnly: Bool
        let includeStart: Bool

        public func makeIterator() -> Iterator {
            Iterator(start: start, elementsOnly: elementsOnly, includeStart: includeStart)
        }

        public struct Iterator: IteratorProtocol {
            let root: xmlNodePtr?
            let document: HTMLDocument?
            let elementsOnly: Bool
            var upcoming: xmlNodePtr?

            init(start: HTMLNode?, elementsOnly: Bool, includeStart: Bool) {
                root = start?.pointer
                document = start?.document
                self.elementsOnly = elementsOnly
                upcoming = includeStart ? start?.pointer : Self.step(from: start?.pointer, root: start?.pointer, descend: true)
            }

            /// The node after `node` in document order, staying inside `root`.
            static func step(from node: xmlNodePtr?, root: xmlNodePtr?, descend: Bool) -> xmlNodePtr? {
                guard var node else { return nil }
                if descend, node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children { return child }
                while node != root {
                    if let sibling = node.pointee.next { return sibling }
                    guard let parent = node.pointee.parent else { return nil }
                    node = parent
                }
                return nil
            }

            public mutating func next() -> HTMLNode? {
                while let current = upcoming {
                    upcoming = Self.step(from: current, root: root, descend: true)
                    if !elementsOnly || current.pointee.type == XML_ELEMENT_NODE {
                        return HTMLNode(current, in: document!)
                    }
                }
                return nil
            }

            /// Skips the subtree of the node last returned by ``next()``.
            public mutating func skipChildren(of node: HTMLNode) {
                upcoming = Self.step(from: node.pointer, root: root, descend: false)
            }
        }
    }
}
