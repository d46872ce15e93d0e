import CLibXML2
import Foundation

/// A page parsed by libxml2's HTML parser (what a browser-grade parser makes
/// of it), copied into a small Swift tree the tests can query.
struct HTMLTree {
    /// An element, or a text node when `name` is `#text`.
    struct Node {
        var name: String
        var attributes: [String: String] = [:]
        var children: [Node] = []
        var content = ""

        /// Every element below this one (depth first) that satisfies `predicate`.
        func all(where predicate: (Node) -> Bool) -> [Node] {
            var found: [Node] = []
            for child in children where child.name != "#text" {
                if predicate(child) { found.append(child) }
                found += child.all(where: predicate)
            }
            return found
        }

        func all(_ tag: String) -> [Node] { all { $0.name == tag } }
        func all(class name: String) -> [Node] { all { $0.classes.contains(name) } }
        func first(_ tag: String) -> Node? { all(tag).first }
        func first(class name: String) -> Node? { all(class: name).first }

        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

        /// The text inside, with whitespace runs collapsed.
        var text: String {
            rawText.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }

        private var rawText: String {
            name == "#text" ? content : children.map(\.rawText).joined()
        }
    }

    let root: Node

    /// Parses `html` the way libxml2 reads real pages (recovering, no network).
    init(_ html: String) throws {
        let bytes = Array(html.utf8)
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        guard
            let document = bytes.withUnsafeBufferPointer({ buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
                }
            })
        else { throw ParseError() }
        defer { xmlFreeDoc(document) }
        guard let top = xmlDocGetRootElement(document) else { throw ParseError() }
        root = Self.copy(top)
    }

    struct ParseError: Error {}

    private static func copy(_ node: xmlNodePtr) -> Node {
        let isText = node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
        let name = isText ? "#text" : String(cString: node.pointee.name)
        var out = Node(name: name)
        if isText, let content = node.pointee.content {
            out.content = String(cString: content)
        }
        var attribute = node.pointee.properties
        while let current = attribute {
            let key = String(cString: current.pointee.name)
            if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                out.attributes[key] = String(cString: value)
                pipe_xmlFree(value)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            if [XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE].contains(current.pointee.type) {
                out.children.append(copy(current))
            }
            child = current.pointee.next
        }
        return out
    }
}
