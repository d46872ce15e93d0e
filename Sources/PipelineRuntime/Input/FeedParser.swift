import CLibXML2
import Foundation
import PipelineKit

/// Reads RSS 2.0 and Atom feeds: each item or entry becomes a document with
/// its title, link, date, author and content.
///
/// The reader is libxml2's, with the network and entity loading off
/// (`XML_PARSE_NONET`, no `XML_PARSE_NOENT`, no DTD loading) and its size
/// limits lifted (`XML_PARSE_HUGE`): the input reader's file limit is the one
/// that counts, so a well-formed feed of any size under it is read.
///
/// Entity references become, by kind:
/// - the five XML entities and character references: their character;
/// - an entity declared in the feed's own DTD (`<!ENTITY co "Northsound">`):
///   its text, while the feed's expansions stay under
///   ``maxEntityExpansionBytes`` in total; references beyond that are left out;
/// - an external entity (`<!ENTITY x SYSTEM "file:…">`): left out, never
///   loaded; the rest of the item stays;
/// - an HTML named entity the feed does not declare (`&nbsp;`, `&eacute;`),
///   which is not XML but common in RSS: its HTML character.
struct FeedParser {
    struct Failure: Error { let message: String }

    /// Characters all internal entity references of one feed may expand to together.
    static let maxEntityExpansionBytes = 1_048_576

    private struct Item {
        var fields: [String: String] = [:]
        var link: String?
    }

    private var item: Item?
    private var items: [Item] = []
    private var feedTitle: String?
    private var entityBudget = FeedParser.maxEntityExpansionBytes

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func parse(_ data: Data, fileID: String, source: String) -> Result<[Document], Failure> {
        _ = initialized
        let bytes = HTMLEntityReferences.replacingUndeclared(in: data)
        guard let context = xmlNewParserCtxt() else { return .failure(Failure(message: "cannot start the XML reader")) }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBytes { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return xmlCtxtReadMemory(
                context, base.assumingMemoryBound(to: CChar.self), Int32(clamping: buffer.count),
                nil, nil, options)
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            return .failure(Failure(message: Self.describeError(context.pointee.lastError, empty: bytes.isEmpty)))
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document),
            ["rss", "feed", "rdf:RDF"].contains(Self.qualifiedName(root))
        else {
            return .failure(Failure(message: "XML file is neither an RSS nor an Atom feed"))
        }
        var parser = FeedParser()
        parser.walk(root, depth: 0)
        var documents: [Document] = []
        for (index, item) in parser.items.enumerated() {
            documents.append(parser.document(item, number: index + 1, fileID: fileID, source: source))
        }
        return .success(documents)
    }

    /// libxml2's error in words, with its line: "not a well-formed XML feed at line 3: …".
    private static func describeError(_ error: xmlError, empty: Bool) -> String {
        if empty { return "not a well-formed XML feed: the file is empty" }
        var message = error.message.map { String(cString: $0) } ?? "unknown error"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return error.line > 0
            ? "not a well-formed XML feed at line \(error.line): \(message)"
            : "not a well-formed XML feed: \(message)"
    }

    private func document(_ item: Item, number: Int, fileID: String, source: String) -> Document {
        let f = item.fields
        let link = item.link ?? f["link"]
        let id = f["guid"] ?? f["id"] ?? link ?? "\(fileID)#\(number)"
        let content = f["content:encoded"] ?? f["content"] ?? f["description"] ?? f["summary"] ?? ""
        let looksHTML = content.utf8.contains(UInt8(ascii: "<")) && content.utf8.contains(UInt8(ascii: ">"))
        var document = Document(id: id, source: source, url: link, raw: content, mediaType: looksHTML ? .html : .text)
        document.title = f["title"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        document.author = (f["dc:creator"] ?? f["author"] ?? f["name"])?.trimmingCharacters(in: .whitespacesAndNewlines)
        document.published = (f["pubDate"] ?? f["published"] ?? f["dc:date"] ?? f["updated"]).flatMap(Timestamp.parse)
        document.site = feedTitle
        document.attributes["file"] = .string(source)
        return document
    }

    /// Visits an element: items open and close around their children; a
    /// field's value is the text directly inside its element.
    private mutating func walk(_ element: xmlNodePtr, depth: Int) {
        let name = Self.qualifiedName(element)
        let isItem = name == "item" || name == "entry"
        if isItem {
            item = Item()
        } else if name == "link", item != nil, let href = Self.attribute("href", of: element) {
            let rel = Self.attribute("rel", of: element) ?? "alternate"
            if rel == "alternate", item?.link == nil { item?.link = href }
        }
        var text = ""
        var child = element.pointee.children
        while let node = child {
            switch node.pointee.type {
            case XML_ELEMENT_NODE: walk(node, depth: depth + 1)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += Self.content(of: node)
            case XML_ENTITY_REF_NODE: text += entityText(node, depth: 0)
            default: break
            }
            child = node.pointee.next
        }
        if isItem {
            if let item { items.append(item) }
            item = nil
            return
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if item != nil {
            // Keep the first occurrence; nested names (author/name) land under the leaf name.
            if !value.isEmpty, item?.fields[name] == nil { item?.fields[name] = value }
        } else if name == "title", feedTitle == nil, depth <= 2, !value.isEmpty {
            feedTitle = value
        }
    }

    /// What an entity reference becomes (see the type's documentation).
    private mutating func entityText(_ reference: xmlNodePtr, depth: Int) -> String {
        guard depth < 16, entityBudget > 0, let entity = xmlGetDocEntity(reference.pointee.doc, reference.pointee.name)
        else {
            return ""
        }
        switch entity.pointee.etype {
        case XML_INTERNAL_PREDEFINED_ENTITY:
            return entity.pointee.content.map { String(cString: $0) } ?? ""
        case XML_INTERNAL_GENERAL_ENTITY:
            var text = ""
            if let children = entity.pointee.children {
                text = entityChildrenText(children, depth: depth)
            } else if let content = entity.pointee.content {
                text = String(cString: content)
            }
            guard text.utf8.count <= entityBudget else {
                entityBudget = 0
                return ""
            }
            entityBudget -= text.utf8.count
            return text
        default:
            return ""  // external entities are never loaded
        }
    }

    /// The text of an entity's parsed content: text, nested references and
    /// the text inside any elements it holds.
    private mutating func entityChildrenText(_ first: xmlNodePtr, depth: Int) -> String {
        var text = ""
        var child: xmlNodePtr? = first
        while let node = child, entityBudget > 0 {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += Self.content(of: node)
            case XML_ENTITY_REF_NODE: text += entityText(node, depth: depth + 1)
            case XML_ELEMENT_NODE:
                if let children = node.pointee.children { text += entityChildrenText(children, depth: depth + 1) }
            default: break
            }
            if text.utf8.count > entityBudget { return text }
            child = node.pointee.next
        }
        return text
    }

    private static func content(of node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// `prefix:name` as written, the way feeds name fields (`content:encoded`, `dc:creator`).
    private static func qualifiedName(_ element: xmlNodePtr) -> String {
        let local = element.pointee.name.map { String(cString: $0) } ?? ""
        if let prefix = element.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    private static func attribute(_ name: String, of element: xmlNodePtr) -> String? {
        guard
            let value = name.withCString({
                xmlGetProp(element, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
            })
        else { return nil }
        defer { pipe_xmlFree(value) }
        return String(cString: value)
    }
}

/// HTML's named character references (`&nbsp;`, `&eacute;`) written in a feed
/// that does not declare them: not XML, so a strict reader rejects the whole
/// feed; rewritten as numeric references before reading.
enum HTMLEntityReferences {
    private static let xmlNames: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// `data` with each undeclared HTML entity reference outside CDATA sections
    /// replaced by `&#N;`; the same bytes when there is none.
    static func replacingUndeclared(in data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.contains(UInt8(ascii: "&")) else { return data }
        let declared = declaredNames(bytes)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        let cdataStart = Array("<![CDATA[".utf8), cdataEnd = Array("]]>".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), bytes[index...].starts(with: cdataStart) {
                index =
                    find(cdataEnd, in: bytes, from: index + cdataStart.count).map { $0 + cdataEnd.count } ?? bytes.count
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, end - index <= 32, isNameByte(bytes[end]) { end += 1 }
            guard end > index + 1, end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if !xmlNames.contains(name), !declared.contains(name),
                let entity = name.withCString({
                    htmlEntityLookup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
                })
            {
                if out.isEmpty { out.reserveCapacity(bytes.count + 64) }
                out += bytes[copied..<index]
                out += Array("&#\(entity.pointee.value);".utf8)
                copied = end + 1
            }
            index = end + 1
        }
        if copied == 0 { return data }
        out += bytes[copied...]
        return Data(out)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Names after each `<!ENTITY` in the file: the feed's own entities are left to the XML reader.
    private static func declaredNames(_ bytes: [UInt8]) -> Set<String> {
        var names: Set<String> = []
        let marker = Array("<!ENTITY".utf8)
        var from = 0
        while let at = find(marker, in: bytes, from: from) {
            var index = at + marker.count
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
            {
                index += 1
            }
            let start = index
            while index < bytes.count,
                isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-")
                    || bytes[index] == UInt8(ascii: ".")
            {
                index += 1
            }
            if index > start { names.insert(String(decoding: bytes[start..<index], as: UTF8.self)) }
            from = index
        }
        return names
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, from < bytes.count else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
