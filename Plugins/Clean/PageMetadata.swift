import Foundation
import HTML
import PipelineKit

/// A page's metadata, each field taken from the best source that has it.
///
/// Precedence, per field:
/// - title: `og:title`, JSON-LD `headline`, the first `<h1>`, `<title>` without its site suffix;
/// - author: `<meta name=author>`/`article:author`, JSON-LD `author`, `rel=author` links, byline elements;
/// - published: `article:published_time` and similar metas, JSON-LD `datePublished`, `<time datetime>`,
///   a date in the URL;
/// - site: `og:site_name`, JSON-LD `publisher.name`, `application-name`, the URL's host;
/// - url: `<link rel=canonical>`, `og:url`;
/// - language: `<html lang>`, `content-language`, `og:locale`.
struct PageMetadata {
    var title: String?
    var authors: [String] = []
    var published: Date?
    var site: String?
    var canonicalURL: String?
    var language: String?
    var description: String?
    /// JSON-LD `articleBody`, when the page carries one.
    var articleBody: String?

    init(page: HTMLDocument, tree: PageTree, url: String?) {
        var metas: [String: String] = [:]
        var titleTag: String?
        var canonical: String?
        if let head = page.head {
            for element in head.descendantElements {
                if element.hasName("meta") {
                    guard let content = element.attribute("content"), !content.isEmpty else { continue }
                    let key = (element.attribute("property") ?? element.attribute("name") ?? element.attribute("itemprop")
                        ?? element.attribute("http-equiv") ?? "").lowercased()
                    if !key.isEmpty && metas[key] == nil { metas[key] = content }
                } else if element.hasName("title") {
                    if titleTag == nil { titleTag = ParagraphBuilder.clean(element.textContent) }
                } else if element.hasName("link") {
                    if let rel = element.attribute("rel")?.lowercased(), rel == "canonical", canonical == nil {
                        canonical = element.attribute("href")
                    }
                }
            }
        }
        let ld = JSONLDArticle(scripts: tree.jsonLD)
        var body = BodyHints(tree: tree)

        func meta(_ keys: String...) -> String? {
            for key in keys {
                if let value = metas[key].map(ParagraphBuilder.clean), !value.isEmpty { return value }
            }
            return nil
        }

        site = meta("og:site_name", "application-name", "twitter:site").map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            ?? ld.publisher
        if let named = site, named.hasPrefix("http"), let host = URL(string: named)?.host {
            site = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        let rawTitle = meta("og:title", "twitter:title") ?? ld.headline ?? body.h1 ?? titleTag
        title = rawTitle.map { Self.withoutSiteSuffix($0, site: site) }

        var authors: [String] = []
        if let author = meta("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"),
            !author.hasPrefix("http")
        {
            authors = Self.splitAuthors(author)
        }
        if authors.isEmpty { authors = ld.authors }
        if authors.isEmpty, let rel = body.relAuthor { authors = [rel] }
        if authors.isEmpty, let byline = body.byline { authors = Self.splitAuthors(Self.withoutBy(byline)) }
        self.authors = authors.filter { !$0.isEmpty && $0.count < 80 }

        let metaDate = meta("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                            "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
                            "parsely-pub-date", "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime")
        published = metaDate.flatMap(DateFinder.parse) ?? ld.datePublished.flatMap(DateFinder.parse)
            ?? body.time.flatMap(DateFinder.parse)
        let address = canonical.flatMap(Self.absolute) ?? meta("og:url").flatMap(Self.absolute)
        canonicalURL = address
        if published == nil { published = (address ?? url).flatMap(DateFinder.fromURL) }
        if site == nil, let host = (address ?? url).flatMap({ URL(string: $0)?.host }) {
            site = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        let lang = page.root?.attribute("lang") ?? page.root?.attribute("xml:lang") ?? meta("content-language", "og:locale")
            ?? ld.language
        language = lang.flatMap(Self.languageTag)
        description = meta("og:description", "description")
        articleBody = ld.articleBody
    }

    func apply(to document: inout Document) {
        if let title { document.title = title }
        if !authors.isEmpty { document.author = authors.joined(separator: ", ") }
        if let published { document.published = published }
        if let site { document.site = site }
        if let canonicalURL { document.url = canonicalURL }
        if let language { document.language = language }
    }

    /// "en-US" → "en-US", "en_GB" → "en-GB", "EN" → "en".
    static func languageTag(_ value: String) -> String? {
        let parts = value.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(\.isLetter) else { return nil }
        var tag = first.lowercased()
        if parts.count > 1, parts[1].count == 2 { tag += "-" + parts[1].uppercased() }
        return tag
    }

    static func absolute(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") ? trimmed : nil
    }

    /// "Rates rise again | Harbor Ledger" → "Rates rise again" (the part that is not the site's name).
    static func withoutSiteSuffix(_ title: String, site: String?) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
            let parts = title.components(separatedBy: separator)
            guard parts.count > 1 else { continue }
            let siteKey = site.map(ParagraphFilter.key)
            if let siteKey, !siteKey.isEmpty {
                var kept = parts
                while kept.count > 1, let last = kept.last, ParagraphFilter.key(last).contains(siteKey) || siteKey.contains(ParagraphFilter.key(last)) && !ParagraphFilter.key(last).isEmpty {
                    kept.removeLast()
                }
                if kept.count < parts.count { return kept.joined(separator: separator) }
            }
            // No site name known: drop a short last part ("Harbor Ledger").
            if let last = parts.last, last.split(separator: " ").count <= 4, parts.dropLast().joined().count > last.count {
                return parts.dropLast().joined(separator: separator)
            }
        }
        return title
    }

    static func withoutBy(_ text: String) -> String {
        var text = text
        for prefix in ["by ", "von ", "par ", "por ", "di "] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        // Cut at a date or separator that follows the names.
        for cut in ["|", " - ", "•", "·", "\n", " on ", "Updated", "Published", "Posted"] {
            if let range = text.range(of: cut) { text = String(text[..<range.lowerBound]) }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
    }

    /// "Ana Ruiz and Tom Beck", "Ana Ruiz, Tom Beck" → two names.
    static func splitAuthors(_ text: String) -> [String] {
        text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Metadata the body's markup carries: the first `<h1>`, `<time>`, `rel=author`, byline elements.
struct BodyHints {
    var h1: String?
    var time: String?
    var relAuthor: String?
    var byline: String?

    init(tree: PageTree) {
        var pubTime: String?
        for index in 0..<tree.count {
            let name = tree.name[index]
            guard !name.isEmpty else { continue }
            let node = tree.nodes[index]
            switch name {
            case "h1":
                if h1 == nil {
                    let text = ParagraphBuilder.clean(node.textContent)
                    if !text.isEmpty { h1 = text }
                }
            case "time":
                let value = node.attribute("datetime") ?? ParagraphBuilder.clean(node.textContent)
                if time == nil { time = value }
                if pubTime == nil, node.attribute("pubdate") != nil || (node.attribute("itemprop") ?? "").lowercased() == "datepublished" {
                    pubTime = value
                }
            case "a":
                if relAuthor == nil, let rel = node.attribute("rel"), rel.lowercased().contains("author") {
                    let text = ParagraphBuilder.clean(node.textContent)
                    if !text.isEmpty && text.count < 60 { relAuthor = text }
                }
            default:
                break
            }
            if byline == nil, name != "a", name != "body", name != "html", !tree.classes[index].isEmpty {
                let classes = Array(tree.classes[index].lowercased().utf8)
                if ParagraphFilter.contains(classes, Self.bylineWord) || ParagraphFilter.contains(classes, Self.authorWord) {
                    let text = ParagraphBuilder.clean(node.textContent)
                    if !text.isEmpty && text.count < 100 { byline = text }
                }
            }
        }
        if let pubTime { time = pubTime }
    }

    private static let bylineWord = Array("byline".utf8)
    private static let authorWord = Array("author".utf8)
}
