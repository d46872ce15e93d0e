import HTML
import PipelineKit
import TextKit

/// The article a page describes in JSON-LD (`<script type="application/ld+json">`):
/// the first object whose `@type` is an article kind, looked for in arrays and `@graph`.
struct JSONLDArticle {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    var publisher: String?
    var articleBody: String?
    var language: String?
    /// The article's own address: `mainEntityOfPage` (a URL or an object's `@id`), else its `url`.
    var url: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "techarticle", "liveblogposting", "report",
        "posting", "socialmediaposting",
    ]

    init(scripts: [String]) {
        var objects: [JSONValue] = []
        for script in scripts where Self.mayDescribeArticle(script) {
            guard let value = JSONLDParser.firstValue(in: script) else { continue }
            Self.collect(value, into: &objects)
        }
        // Strings in scripts are not read by the HTML parser: "Carrow &amp; Finch" is still escaped.
        guard let article = objects.first(where: { Self.isArticle($0) }) else {
            if let page = objects.first(where: { Self.types($0).contains("webpage") }) {
                publisher = Self.name(page["publisher"]).map(HTMLEntities.decode)
            }
            return
        }
        headline = (article["headline"]?.stringValue ?? article["name"]?.stringValue)
            .map { ParagraphBuilder.clean(HTMLEntities.decode($0)) }
        authors = (Self.names(article["author"]) ?? []).map(HTMLEntities.decode)
        datePublished = article["datePublished"]?.stringValue ?? article["dateCreated"]?.stringValue
        publisher = Self.name(article["publisher"]).map(HTMLEntities.decode)
        articleBody = article["articleBody"]?.stringValue.map(HTMLEntities.decode)
        language = article["inLanguage"]?.stringValue
        url =
            article["mainEntityOfPage"]?.stringValue ?? article["mainEntityOfPage"]?["@id"]?.stringValue
            ?? article["url"]?.stringValue
    }

    /// Parsing JSON is the costly part: skip blocks that name no article or page type
    /// (breadcrumb lists, organisation cards, search boxes).
    static func mayDescribeArticle(_ script: String) -> Bool {
        let bytes = Array(script.utf8)
        return markers.contains { ByteSearch.contains(bytes, $0) }
    }

    private static let markers: [[UInt8]] = ["Article", "article", "Posting", "posting", "Report", "WebPage"].map {
        Array($0.utf8)
    }

    private static func collect(_ value: JSONValue, into objects: inout [JSONValue]) {
        var pending = [value]
        var seen = 0
        while let next = pending.popLast(), seen < 1000 {
            seen += 1
            switch next {
            case let .array(items): pending.append(contentsOf: items.reversed())
            case .object:
                objects.append(next)
                if let graph = next["@graph"] { pending.append(graph) }
            default: break
            }
        }
    }

    private static func types(_ value: JSONValue) -> [String] {
        switch value["@type"] {
        case let .string(type)?: return [type.lowercased()]
        case let .array(types)?: return types.compactMap { $0.stringValue?.lowercased() }
        default: return []
        }
    }

    private static func isArticle(_ value: JSONValue) -> Bool {
        types(value).contains { articleTypes.contains($0) }
    }

    private static func name(_ value: JSONValue?) -> String? {
        switch value {
        case let .string(text)?: return text
        case .object?: return value?["name"]?.stringValue
        case let .array(items)?: return items.first.flatMap { name($0) }
        default: return nil
        }
    }

    private static func names(_ value: JSONValue?) -> [String]? {
        switch value {
        case let .array(items)?: return items.compactMap { name($0) }.map(ParagraphBuilder.clean).filter { !$0.isEmpty }
        case .some: return name(value).map { [ParagraphBuilder.clean($0)] }
        case nil: return nil
        }
    }
}
