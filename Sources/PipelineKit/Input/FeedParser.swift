import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads RSS 2.0 and Atom feeds: each item or entry becomes a document with
/// its title, link, date, author and content.
final class FeedParser: NSObject, XMLParserDelegate {
    struct Failure: Error { let message: String }

    private struct Item {
        var fields: [String: String] = [:]
        var link: String?
    }

    private var path: [String] = []
    private var text = ""
    private var item: Item?
    private var items: [Item] = []
    private var feedTitle: String?
    private var sawFeedRoot = false
    private var parseError: (any Error)?

    static func parse(_ data: Data, fileID: String, source: String) -> Result<[Document], Failure> {
        let delegate = FeedParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), delegate.parseError == nil else {
            let error = (delegate.parseError ?? parser.parserError).map { " (\(($0 as NSError).localizedDescription))" } ?? ""
            return .failure(Failure(message: "not a well-formed XML feed at line \(parser.lineNumber)\(error)"))
        }
        guard delegate.sawFeedRoot else {
            return .failure(Failure(message: "XML file is neither an RSS nor an Atom feed"))
        }
        var documents: [Document] = []
        for (index, item) in delegate.items.enumerated() {
            documents.append(delegate.document(item, number: index + 1, fileID: fileID, source: source))
        }
        return .success(documents)
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

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if path.isEmpty, name == "rss" || name == "feed" || name == "rdf:RDF" { sawFeedRoot = true }
        path.append(name)
        text = ""
        if name == "item" || name == "entry" {
            item = Item()
        } else if name == "link", item != nil, let href = attributes["href"] {
            let rel = attributes["rel"] ?? "alternate"
            if rel == "alternate", item?.link == nil { item?.link = href }
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        if parseError == nil { parseError = error }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            path.removeLast()
            text = ""
        }
        if name == "item" || name == "entry" {
            if let item { items.append(item) }
            item = nil
            return
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if item != nil {
            // Keep the first occurrence; nested names (author/name) land under the leaf name.
            if !value.isEmpty, item?.fields[name] == nil { item?.fields[name] = value }
        } else if name == "title", feedTitle == nil, path.count <= 3, !value.isEmpty {
            feedTitle = value
        }
    }
}
