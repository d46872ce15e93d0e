import Foundation
import HTML
import PipelineKit
import TextKit

/// A page's metadata, each field taken from the best source that has it.
///
/// Precedence, per field:
/// - title: `og:title`, JSON-LD `headline`, the first `<h1>`, `<title>` without its site suffix;
/// - author: `<meta name=author>`/`article:author`, JSON-LD `author`, `rel=author` links, byline elements;
/// - published: `article:published_time` and similar metas, JSON-LD `datePublished`, `<time datetime>`,
///   a date in the URL;
/// - site: `og:site_name`, `application-name`, JSON-LD `publisher.name`, the name after the `<title>`'s
///   headline, the name in the copyright line, the URL's host (only when the document has no site yet);
/// - url: `<link rel=canonical>`, `og:url`, JSON-LD `mainEntityOfPage`/`url`;
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
    /// The `<title>` element as written: an error page says so there when its headline does not.
    var titleTag: String?
    /// Site and date guessed from the address only: they do not replace what the input already said
    /// (a feed's channel title and item date).
    var siteFromAddress = false
    var publishedFromAddress = false

    init(page: HTMLDocument, tree: PageTree, url: String?) {
        var metas: [String: String] = [:]
        var canonical: String?
        if let head = page.head {
            for element in head.descendantElements {
                if element.hasName("meta") {
                    // One pass over the attributes; the key is the first of property, name, itemprop, http-equiv.
                    var content: String?
                    var keys: [String?] = [nil, nil, nil, nil]
                    element.forEachAttribute { name, value in
                        if PageTree.Attributes.equals(name, "content") {
                            content = value()
                        } else if PageTree.Attributes.equals(name, "property") {
                            keys[0] = value()
                        } else if PageTree.Attributes.equals(name, "name") {
                            keys[1] = value()
                        } else if PageTree.Attributes.equals(name, "itemprop") {
                            keys[2] = value()
                        } else if PageTree.Attributes.equals(name, "http-equiv") {
                            keys[3] = value()
                        }
                    }
                    guard let content, !content.isEmpty, let found = keys.first(where: { $0 != nil }),
                        let key = found?.lowercased(),
                        !key.isEmpty
                    else { continue }
                    if metas[key] == nil { metas[key] = content }
                } else if element.hasName("title") {
                    if titleTag == nil { titleTag = ParagraphBuilder.clean(HTMLEntities.decode(element.textContent)) }
                } else if element.hasName("link") {
                    if let rel = element.attribute("rel")?.lowercased(), rel == "canonical", canonical == nil {
                        canonical = element.attribute("href")
                    }
                }
            }
        }
        let ld = JSONLDArticle(scripts: tree.jsonLD)
        let body = BodyHints(tree: tree)

        func meta(_ keys: String...) -> String? {
            for key in keys {
                // Values escaped twice ("Carrow &amp;amp; Finch") still hold a reference after parsing.
                if let value = metas[key].map({ ParagraphBuilder.clean(HTMLEntities.decode($0)) }), !value.isEmpty {
                    return value
                }
            }
            return nil
        }

        site =
            meta("og:site_name", "application-name", "twitter:site").map {
                $0.hasPrefix("@") ? String($0.dropFirst()) : $0
            }
            ?? ld.publisher
        if let named = site, named.hasPrefix("http"), let host = URL(string: named)?.host {
            site = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        let headline = meta("og:title", "twitter:title") ?? ld.headline ?? body.h1
        if site == nil, let titleTag { site = SiteName.fromTitle(titleTag, headline: headline) }
        if site == nil { site = body.copyright.flatMap(SiteName.fromCopyright) }
        let rawTitle = headline ?? titleTag
        title = rawTitle.map { Self.withoutSiteSuffix($0, site: site) }

        var authors: [String] = []
        if let author = meta("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"),
            !author.hasPrefix("http")
        {
            authors = Self.authorNames(author, site: site)
        }
        if authors.isEmpty { authors = ld.authors.flatMap { Self.authorNames($0, site: site) } }
        if authors.isEmpty, let rel = body.relAuthor { authors = Self.authorNames(rel, site: site) }
        if authors.isEmpty, let byline = body.byline { authors = Self.authorNames(byline, site: site) }
        var seen = Set<String>()
        self.authors = authors.filter { !$0.isEmpty && $0.count < 80 && seen.insert($0).inserted }

        let metaDate = meta(
            "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
            "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
            "parsely-pub-date", "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime")
        published =
            metaDate.flatMap(DateFinder.parse) ?? ld.datePublished.flatMap(DateFinder.parse)
            ?? body.time.flatMap(DateFinder.parse) ?? body.dateLine
        let address =
            canonical.flatMap(Self.absolute) ?? meta("og:url").flatMap(Self.absolute) ?? ld.url.flatMap(Self.absolute)
        canonicalURL = address
        if published == nil {
            published = (address ?? url).flatMap(DateFinder.fromURL)
            publishedFromAddress = published != nil
        }
        if site == nil, let host = (address ?? url).flatMap({ URL(string: $0)?.host }) {
            site = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
            siteFromAddress = true
        }
        let lang =
            page.root?.attribute("lang") ?? page.root?.attribute("xml:lang") ?? meta("content-language", "og:locale")
            ?? ld.language
        language = lang.flatMap(Self.languageTag)
        description = meta("og:description", "description")
        articleBody = ld.articleBody
    }

    func apply(to document: inout Document) {
        if let title { document.title = title }
        if !authors.isEmpty { document.author = authors.joined(separator: ", ") }
        if let published, !publishedFromAddress || document.published == nil { document.published = published }
        if let site, !siteFromAddress || document.site == nil { document.site = site }
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

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "]

    /// "Rates rise again | Harbor Ledger" → "Rates rise again" (the part that is not the site's name).
    static func withoutSiteSuffix(_ title: String, site: String?) -> String {
        let bytes = Array(title.utf8)
        for separator in titleSeparators where ByteSearch.contains(bytes, Array(separator.utf8)) {
            let parts = title.components(separatedBy: separator)
            guard parts.count > 1 else { continue }
            let siteKey = site.map(ParagraphFilter.key)
            if let siteKey, !siteKey.isEmpty {
                var kept = parts
                while kept.count > 1, let last = kept.last,
                    ParagraphFilter.key(last).contains(siteKey)
                        || siteKey.contains(ParagraphFilter.key(last)) && !ParagraphFilter.key(last).isEmpty
                {
                    kept.removeLast()
                }
                if kept.count < parts.count { return kept.joined(separator: separator) }
            }
            // No site name known: drop a short last part ("Harbor Ledger").
            if let last = parts.last, last.split(separator: " ").count <= 4,
                parts.dropLast().joined().count > last.count
            {
                return parts.dropLast().joined(separator: separator)
            }
        }
        return title
    }

    /// Credit words before the names: "By", "Story by", "Words by", "Reporting by"…
    static let bylinePrefixes = [
        "story and photos by ", "story by ", "words by ", "reporting by ", "reported by ", "written by ", "text by ",
        "report by ", "article by ", "posted by ", "published by ", "analysis by ", "interview by ", "by: ", "by ",
        "von ", "par ", "por ", "di ", "door ", "av ", "af ",
    ]

    /// "Story by Gus Harmon" → "Gus Harmon".
    static func withoutCreditWords(_ text: String) -> String {
        let lower = text.lowercased()
        for prefix in bylinePrefixes where lower.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    static func withoutBy(_ text: String) -> String {
        var text = withoutCreditWords(text.trimmingCharacters(in: .whitespaces))
        // Cut at a date or separator that follows the names.
        let bytes = Array(text.utf8)
        for cut in ["|", " - ", "•", "·", "\n", " on ", "Updated", "Published", "Posted"]
        where ByteSearch.contains(bytes, Array(cut.utf8)) {
            if let range = text.range(of: cut) { text = String(text[..<range.lowerBound]) }
        }
        return text.trimmingCharacters(in: creditEdges)
    }

    /// What `withoutBy` trims, made once: the union was built anew for every credit.
    private static let creditEdges = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

    /// "Ana Ruiz and Tom Beck", "Ana Ruiz, Tom Beck" → two names.
    static func splitAuthors(_ text: String) -> [String] {
        text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
            .replacingOccurrences(of: ";", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The people in a credit: "Story by Gus Harmon" → ["Gus Harmon"], "Callum Reyes, Meridian Wire" →
    /// ["Callum Reyes"], "By Ana Ruiz and Tom Beck | Staff" → ["Ana Ruiz", "Tom Beck"]. Agencies, desks
    /// and the site itself are not authors.
    static func authorNames(_ credit: String, site: String?) -> [String] {
        let siteKey = site.map(ParagraphFilter.key) ?? ""
        return splitAuthors(withoutBy(ParagraphBuilder.clean(credit))).map(withoutCreditWords).filter { name in
            guard !name.isEmpty else { return false }
            let key = ParagraphFilter.key(name)
            if !siteKey.isEmpty && key == siteKey { return false }
            guard let last = name.split(separator: " ").last?.lowercased() else { return false }
            return !organisationWords.contains(last)
        }
    }

    static let organisationWords: Set<String> = [
        "wire", "press", "news", "agency", "agencies", "staff", "desk", "newsroom", "service", "services",
        "reporters", "correspondent", "correspondents", "bureau", "team", "editors", "editorial", "writer",
        "writers", "contributors", "contributor",
    ]
}

/// Metadata the body's markup carries: the first `<h1>`, `<time>`, `rel=author`, byline elements.
struct BodyHints {
    var h1: String?
    var time: String?
    var relAuthor: String?
    var byline: String?
    /// The first date in an element classed as a date ("pubdate", "published", "post-date"), when no
    /// `<time>` gives one: "Published 19 November 2026, 18:05".
    var dateLine: Date?
    /// The last text on the page with a copyright sign or the word "copyright" (the footer's line).
    var copyright: String?

    init(tree: PageTree) {
        var pubTime: String?
        for index in 0..<tree.count {
            let name = tree.name[index]
            guard !name.isEmpty else {
                // Copyright lines are short: long text nodes are article prose.
                if tree.nodes[index].withTextBytes({ $0.count <= 300 && Self.mentionsCopyright($0) }) {
                    copyright = ParagraphBuilder.clean(tree.nodes[index].text)
                }
                continue
            }
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
                if pubTime == nil,
                    node.attribute("pubdate") != nil
                        || (node.attribute("itemprop") ?? "").lowercased() == "datepublished"
                {
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
            guard name != "body", name != "html", time == nil && dateLine == nil || byline == nil else { continue }
            let hints = Self.classWords.occurring(in: tree.classes[index])
            if time == nil, dateLine == nil, hints & Self.dateMask != 0, let text = Self.shortText(of: node, under: 80)
            {
                dateLine = DateFinder.inLine(text)
            }
            if byline == nil, name != "a",
                hints & Self.bylineMask != 0
                    || ParagraphFilter.containsIgnoringCase(tree.itemprops[index], Self.authorWord),
                let text = Self.shortText(of: node, under: 100), !text.isEmpty
            {
                byline = text
            }
        }
        if let pubTime { time = pubTime }
    }

    /// "©" (UTF-8 C2 A9) or "opyright" in a text node's bytes.
    ///
    /// Every text node of every page is asked, so the bytes are read eight at a time: a block
    /// with no C2 and no `o`/`O` holds no match's start and is skipped whole; otherwise the first
    /// such byte is checked as before and the reading goes on after it.
    static func mentionsCopyright(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index < count - 1 {
            if index + 8 <= count {
                let block = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let starts = zeroBytes(block ^ everyByte(0xC2)) | zeroBytes((block | everyByte(0x20)) ^ everyByte(0x6F))
                if starts == 0 {
                    index += 8
                    continue
                }
                index += starts.trailingZeroBitCount / 8  // the first C2 or o/O in the block
                guard index < count - 1 else { break }
            }
            let byte = base[index]
            if byte == 0xC2 && base[index + 1] == 0xA9 { return true }
            if byte | 0x20 == 0x6F, index + 8 <= count,
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) | everyByte(0x20)
                    == opyright
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// `byte` in each of a word's eight bytes.
    @inline(__always) private static func everyByte(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The high bit of each byte of `word` that is zero, and no other bit.
    @inline(__always) private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7 = everyByte(0x7F)
        return ~(((word & low7) &+ low7) | word | low7)
    }

    /// "opyright" as eight bytes read like a block, first byte lowest.
    private static let opyright: UInt64 = Array("opyright".utf8).withUnsafeBytes {
        UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))
    }

    /// The cleaned text of an element when it is shorter than `limit` characters. Elements classed as
    /// dates or bylines are sometimes whole sections: their text is not gathered past the limit.
    static func shortText(of node: HTMLNode, under limit: Int) -> String? {
        var bytes = 0
        for text in node.descendants where text.isText {
            bytes += text.withTextBytes { $0.count }
            // Far past the limit in bytes: a section this long is not a date or byline line (cleaning only folds white space).
            if bytes > 4 * limit + 4_000 { return nil }
        }
        let text = ParagraphBuilder.clean(node.textContent)
        return text.count < limit ? text : nil
    }

    /// Class words for dates (bits 0–3) and bylines (bits 4–5).
    private static let classWords = ByteNeedles(["date", "publish", "posted", "timestamp", "byline", "author"])
    private static let dateMask: UInt32 = 0b1111
    private static let bylineMask: UInt32 = 0b110000
    private static let authorWord = Array("author".utf8)
}
