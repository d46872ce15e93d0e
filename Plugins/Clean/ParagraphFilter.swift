import Foundation
import TextKit

/// Decides, paragraph by paragraph, what of a chosen container is article
/// text: drops link lists, furniture phrases ("Advertisement", "Share this
/// story", "© 2025 …"), headings that repeat the title, and what the user's
/// options exclude.
struct ParagraphFilter {
    var keepHeadings = true
    var keepLists = true
    var minParagraphWords = 1
    var dropPatterns: [NSRegularExpression] = []
    /// Whether short furniture phrases ("Advertisement", "Share this") are dropped; off for text that is already clean.
    var furniturePhrases = true

    func apply(_ paragraphs: [Paragraph], title: String?) -> [Paragraph] {
        let titleKey = title.map(Self.key)
        var result: [Paragraph] = []
        result.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs where keep(paragraph, titleKey: titleKey) {
            result.append(paragraph)
        }
        // A "Related stories" / "You may also like" heading late in the text starts a list of teasers.
        if furniturePhrases, result.count > 2 {
            let total = result.reduce(0) { $0 + $1.text.utf8.count }
            var before = 0
            for (index, paragraph) in result.enumerated() {
                if index > 0, before * 100 >= total * 65, paragraph.isHeading, paragraph.wordCount <= 6,
                    Self.isTeaserHeading(paragraph.text)
                {
                    result.removeSubrange(index...)
                    break
                }
                before += paragraph.text.utf8.count
            }
        }
        // Headings with nothing after them (a "Related" heading whose list went) are furniture.
        while furniturePhrases, let last = result.last, last.isHeading { result.removeLast() }
        return result
    }

    func keep(_ paragraph: Paragraph, titleKey: String?) -> Bool {
        let text = paragraph.text
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            return false
        }
        let words = paragraph.wordCount
        switch paragraph.kind {
        case .heading:
            if !keepHeadings { return false }
            if let titleKey, Self.key(text) == titleKey { return false }
            if paragraph.linkDensity > 0.5 { return false }
        case .listItem:
            if !keepLists { return false }
            // A list of links is furniture; an item that says something after its link is not.
            if paragraph.linkDensity > 0.5 { return false }
            if paragraph.linkDensity > 0.3 && UTF8Scalars.count(paragraph.text) - paragraph.linkCharacters < 50 {
                return false
            }
            if words < minParagraphWords { return false }
        default:
            if paragraph.linkDensity > 0.5 && words < 40 { return false }
            if paragraph.linkDensity > 0.8 { return false }
            if words < minParagraphWords { return false }
        }
        if furniturePhrases && words <= 25 && Self.isFurniturePhrase(text) { return false }
        if furniturePhrases && words <= 12 && Self.isDateline(text) { return false }
        if furniturePhrases && words <= 150 && Self.isDisclaimer(text) { return false }
        if !dropPatterns.isEmpty {
            let range = NSRange(text.startIndex..., in: text)
            if dropPatterns.contains(where: { $0.firstMatch(in: text, range: range) != nil }) { return false }
        }
        return true
    }

    /// Lowercase letters and digits only, for comparing titles and headings.
    static func key(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.filter {
                    $0.properties.isAlphabetic || ("0"..."9").contains($0)
                }))
    }

    /// Short lines that are page furniture wherever they appear.
    static func isFurniturePhrase(_ text: String) -> Bool {
        let lower = text.lowercased()
        if exact.contains(trimmed(lower)) { return true }
        let bytes = Array(lower.utf8)
        for prefix in prefixBytes where bytes.starts(with: prefix) { return true }
        for phrase in phraseBytes where ByteSearch.contains(bytes, phrase) { return true }
        return false
    }

    /// Without leading and trailing spaces and punctuation (Foundation's trimming is slow on Linux).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isEdge(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || (!scalar.properties.isAlphabetic && scalar.properties.numericType == nil)
        }
        guard let first = scalars.firstIndex(where: { !isEdge($0) }),
            let last = scalars.lastIndex(where: { !isEdge($0) })
        else {
            return ""
        }
        return String(scalars[first...last])
    }

    static let phraseBytes: [[UInt8]] = phrases.map { Array($0.utf8) }
    static let prefixBytes: [[UInt8]] = prefixes.map { Array($0.utf8) }

    /// Whether `text` contains `needle` (lowercase ASCII bytes), ASCII letters compared without case.
    static func containsIgnoringCase(_ text: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var text = text
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            var index = 0
            let limit = haystack.count - needle.count
            while index <= limit {
                if lower(haystack[index]) == first {
                    var matched = 1
                    while matched < needle.count && lower(haystack[index + matched]) == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// A reprint notice ("Articles on this site are gathered from public sources… Copyright
    /// stays with their authors… If a piece infringes your rights, write to us"): it names
    /// copyright, reprinting or infringement, and the site itself. `lower` is lowercased.
    static func isDisclaimer(_ text: String) -> Bool {
        guard text.utf8.withContiguousStorageIfAvailable(BodyHints.mentionsCopyright) ?? true else { return false }
        let lower = Array(text.lowercased().utf8)
        guard ByteSearch.contains(lower, copyrightWord),
            disclaimerVerbs.contains(where: { ByteSearch.contains(lower, $0) })
        else { return false }
        return disclaimerSubjects.contains { ByteSearch.contains(lower, $0) }
    }

    private static let copyrightWord = Array("copyright".utf8)
    private static let disclaimerVerbs = [
        "infring", "reprint", "reproduc", "for reference only", "take it down", "will remove",
        "will delete",
    ].map { Array($0.utf8) }
    private static let disclaimerSubjects = [
        "this site", "this website", "the platform", "this platform", "our site",
        "our website", "this article", "contact us", "write to us", "this page",
    ].map { Array($0.utf8) }

    /// "Updated at 1:23 p.m.", "05/10/2018 - Published by: …", "Posted November 3, 2024".
    static func isDateline(_ text: String) -> Bool {
        let lower = text.lowercased()
        if datelineStarts.contains(where: { lower.hasPrefix($0) }) {
            return DateFinder.inLine(text) != nil || lower.contains(" a.m.") || lower.contains(" p.m.")
                || lower.range(of: #"\b\d{1,2}:\d{2}\b"#, options: .regularExpression) != nil
        }
        // A date first, then who and where it was filed: "05/10/2018 - Published by: …".
        guard lower.first?.isNumber ?? false, DateFinder.inLine(text) != nil else { return false }
        return ["publi", "by ", "por ", "von ", "par ", "tags", "categor", "updated", "posted", "|"].contains {
            lower.contains($0)
        }
    }

    static let datelineStarts = [
        "updated", "published", "posted", "last updated", "last modified", "modified", "date:", "publicado",
        "atualizado", "actualizado", "veröffentlicht", "aktualisiert", "publié", "mis à jour", "pubblicato",
        "aggiornato", "gepubliceerd", "bijgewerkt",
    ]

    static func isTeaserHeading(_ text: String) -> Bool {
        let lower = trimmed(text.lowercased())
        return teaserHeadings.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + ":") }
            || TextPageExtractor.listHeadings.contains(lower)
    }

    /// List headings in the languages the language detector knows.
    static let teaserHeadings: [String] = [
        "related", "related stories", "related articles", "related posts", "related coverage", "related content",
        "you may also like", "you might also like", "you may like", "more from", "more stories", "more on this",
        "read more", "read also", "see also", "recommended", "most popular", "most read", "trending",
        "você pode gostar", "leia também", "veja também", "leia mais", "te puede interesar", "lee también",
        "noticias relacionadas", "artículos relacionados", "lesen sie auch", "mehr zum thema",
        "das könnte sie auch interessieren",
        "à lire aussi", "lire aussi", "sur le même sujet", "articles similaires", "leggi anche",
        "potrebbe interessarti",
        "articoli correlati", "lees ook", "meer nieuws", "самые популярные", "читайте также", "похожие статьи",
    ]

    static let exact: Set<String> = [
        "advertisement", "advertisements", "sponsored", "sponsored content", "ad", "ads", "share", "share this",
        "print", "email", "e-mail", "comments", "comment", "facebook", "twitter", "whatsapp", "linkedin",
        "pinterest", "reddit", "copy link", "link copied", "close", "menu", "search", "loading", "more",
        "read more", "show more", "continue reading", "related", "related articles", "related stories",
        "recommended", "trending", "most read", "most popular", "newsletter", "subscribe", "sign in", "log in",
        "back to top", "next", "previous", "top", "home", "watch", "listen", "video", "photo", "gallery",
        "language", "languages", "select language", "choose language", "share article", "print article",
    ]

    static let prefixes: [String] = [
        "advertisement", "share this", "share on ", "share:", "follow us", "follow @", "sign up for",
        "sign up to", "subscribe to", "subscribe now", "read more:", "read more at", "read next", "more:",
        "related:", "related articles", "related stories", "see also:", "click here", "tap here", "watch:",
        "watch video", "listen to this", "download the app", "get the app", "image:", "photo:", "picture:",
        "image credit", "photo credit", "copyright ", "copyright©", "©", "ⓒ", "(c) 20",
        "all rights reserved", "powered by", "tags:", "tag:", "topics:", "filed under", "posted in",
        "categories:", "category:", "disclaimer:", "recommended for you", "you may also like",
        "you might also like", "we use cookies", "this site uses cookies", "this website uses cookies",
        "by continuing to", "skip to", "back to top", "previous article", "next article", "leave a comment",
        "join the conversation", "scan the qr", "open your phone and scan", "try our ", "try it free",
        "start your free trial",
        "spotted a mistake", "spotted an error", "spot a mistake", "found a mistake", "see a mistake", "found an error",
    ]

    static let phrases: [String] = [
        "all rights reserved", "accept cookies", "cookie policy", "privacy policy", "terms of use",
        "terms of service", "enable javascript", "your browser does not support", "ad blocker", "adblock",
        "newsletter", "to your inbox", "subscribing", "successfully subscribed", "qr code", "follow us on",
    ]
}
