import Foundation
import PipelineKit
import PipelineRuntime
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a sitemap (`<urlset>`, with the news extension's publication date and
/// title) or a sitemap index (`<sitemapindex>`), whose entries are sitemaps.
final class SitemapParser: NSObject, XMLParserDelegate {
    struct Entry: Equatable {
        var location: String
        var published: Date?
        var title: String?
    }

    struct Parsed: Equatable {
        var isIndex = false
        var entries: [Entry] = []
    }

    private var parsed = Parsed()
    private var current: Entry?
    private var text = ""
    private var sawRoot = false

    static func parse(_ data: Data) -> Result<Parsed, Reason> {
        let delegate = SitemapParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            return .failure(Reason("not a well-formed XML sitemap (line \(parser.lineNumber))"))
        }
        guard delegate.sawRoot else { return .failure(Reason("XML is neither a sitemap nor a sitemap index")) }
        return .success(delegate.parsed)
    }

    private static func local(_ name: String) -> String {
        String(name.split(separator: ":").last ?? Substring(name))
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = Self.local(name)
        if name == "urlset" || name == "sitemapindex" {
            sawRoot = true
            parsed.isIndex = name == "sitemapindex"
        }
        if name == "url" || name == "sitemap" { current = Entry(location: "") }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let name = Self.local(name)
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "loc": current?.location = value
        case "publication_date": current?.published = Timestamp.parse(value) ?? current?.published
        case "lastmod": if current?.published == nil { current?.published = Timestamp.parse(value) }
        case "title": if !value.isEmpty { current?.title = value }
        case "url", "sitemap":
            if let current, !current.location.isEmpty { parsed.entries.append(current) }
            current = nil
        default: break
        }
        text = ""
    }
}
