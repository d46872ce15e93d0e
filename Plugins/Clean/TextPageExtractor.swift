import Foundation

/// The article out of a plain-text page dump (a page saved as text, the
/// seeds' shape): breadcrumbs, datelines, counters, share and promo lines,
/// language pickers, "Hot news" lists with their dated teasers, disclaimers,
/// copyright and "Powered by" lines go; the headline becomes the title, and
/// the standfirst and body stay.
///
/// Each line (or hard-wrapped paragraph) is classified as furniture, prose
/// (long, with sentences) or short. The article runs from the first prose
/// unit to the last one before a list heading ("Hot news", "Related
/// articles"); short units inside it are kept as headings or paragraphs.
enum TextPageExtractor {
    struct Page {
        var title: String?
        var published: Date?
        var paragraphs: [Paragraph]
        /// False when the text had no page furniture and passed through whole.
        var isPageDump = true
        /// The site's name when the dump says it (a copyright or name-and-address line).
        var site: String?
    }

    enum Class: Equatable {
        case furniture
        case listHeading
        case prose
        case short
    }

    struct Unit {
        var text: String
        var kind: Class
        var words: Int
    }

    /// Paragraphs of a text: blank lines separate them, single line breaks
    /// inside one are kept apart when the lines are short (a list, a dateline
    /// under a headline) and joined when they are wrapped prose.
    static func splitParagraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var lastLineLength = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = ParagraphBuilder.clean(String(rawLine))
            if line.isEmpty {
                if !current.isEmpty { result.append(current) }
                current = ""
                continue
            }
            if current.isEmpty {
                current = line
            } else if lastLineLength >= 50 && !endsSentence(current) {
                current += " " + line  // wrapped prose
            } else {
                result.append(current)
                current = line
            }
            lastLineLength = line.count
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Structured-data article bodies often lose their paragraph breaks and
    /// glue sentences together ("…79 moons.The find…"): split them again
    /// where a sentence end is followed directly by a capital.
    static func separatingGluedSentences(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previous: Character = " "
        var beforePrevious: Character = " "
        for character in text {
            if character.isUppercase, ".!?".contains(previous), beforePrevious.isLowercase {
                result.append("\n\n")
            }
            result.append(character)
            beforePrevious = previous
            previous = character
        }
        return result
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return ".!?:;\"”’)»…".contains(last)
    }

    static func extract(_ raw: String) -> Page {
        var lines = splitParagraphs(raw.replacingOccurrences(of: "\r\n", with: "\n"))
        // Markdown headings: "## Heading" → "Heading".
        lines = lines.map { line in
            line.hasPrefix("#") ? String(line.drop(while: { $0 == "#" || $0 == " " })) : line
        }
        var published: Date?
        var units: [Unit] = []
        for line in lines {
            let words = line.split(separator: " ").count
            var kind = classify(line, words: words)
            if kind == .short || kind == .furniture, words <= 12, let date = DateFinder.inLine(line) {
                if published == nil { published = date }
                kind = .furniture
            }
            // A line starting in lower case continues the previous prose (a page break in the dump).
            if let first = line.first, first.isLowercase, let last = units.last, last.kind == .prose, kind != .furniture
            {
                units[units.count - 1].text += " " + line
                units[units.count - 1].words += words
                continue
            }
            units.append(Unit(text: line, kind: kind, words: words))
        }

        // Text without page furniture (an article already clean, a JSONL record's
        // text) passes through whole.
        if units.filter({ $0.kind == .furniture || $0.kind == .listHeading }).count < 2 {
            return Page(
                title: nil, published: nil, paragraphs: units.map { Paragraph(text: $0.text, kind: .paragraph) },
                isPageDump: false)
        }
        // A summary the site put above the article, under its label ("Brief news summary"),
        // is not the article: the label and the one block after it go when more prose follows.
        for index in units.indices.dropLast(2)
        where units[index].kind == .short
            && summaryLabels.contains(ParagraphFilter.trimmed(units[index].text.lowercased()))
            && units[index + 1].kind == .prose && units[(index + 2)...].contains(where: { $0.kind == .prose })
        {
            units[index].kind = .furniture
            units[index + 1].kind = .furniture
        }
        guard let firstProse = units.firstIndex(where: { $0.kind == .prose }) else {
            let kept = units.filter { $0.kind == .short || $0.kind == .prose }
            let title = kept.first.map(\.text)
            return Page(
                title: title, published: published,
                paragraphs: kept.dropFirst().map { Paragraph(text: $0.text, kind: .paragraph) }, site: site(lines))
        }
        // The headline: the first short line of a few words before the article.
        let title =
            units[..<firstProse].first { $0.kind == .short && (3...30).contains($0.words) && !endsSentence($0.text) }?
            .text
            ?? units[..<firstProse].first { $0.kind == .short && $0.words >= 3 }?.text
        var start = firstProse
        if start > 0, units[start - 1].kind == .short, units[start - 1].words >= 8, endsSentence(units[start - 1].text),
            units[start - 1].text != title
        {
            start -= 1  // a short standfirst
        }
        let cut = units[firstProse...].firstIndex { $0.kind == .listHeading } ?? units.count
        let end = (units[firstProse..<cut].lastIndex { $0.kind == .prose } ?? firstProse) + 1

        let titleKey = title.map(ParagraphFilter.key) ?? ""
        var kept: [Unit] = units[start..<end].filter { unit in
            unit.kind == .prose || unit.kind == .short
        }
        kept.removeAll { !titleKey.isEmpty && ParagraphFilter.key($0.text) == titleKey }
        // Teasers that repeat the article: a prose unit whose words (after a
        // glued-on headline) appear inside another unit. Units with the
        // headline glued on go first, so that of two copies of the lede the
        // glued one goes and the clean one stays.
        let keys = kept.map { ParagraphFilter.key($0.text) }
        let glued = kept.indices.map {
            !titleKey.isEmpty && keys[$0].count > titleKey.count && keys[$0].hasPrefix(titleKey)
        }
        var drop = Set<Int>()
        let order = kept.indices.filter { glued[$0] } + kept.indices.filter { !glued[$0] }
        for index in order where kept[index].kind == .prose {
            var key = keys[index]
            if glued[index] { key.removeFirst(titleKey.count) }
            guard key.count >= 40 else { continue }
            let probe = String(key.prefix(200))
            for (other, otherKey) in keys.enumerated() where other != index && !drop.contains(other) {
                if otherKey.count > key.count || (otherKey.count == key.count && (glued[index] || other < index)),
                    otherKey.contains(probe)
                {
                    drop.insert(index)
                    break
                }
            }
        }
        let paragraphs = kept.enumerated().filter { !drop.contains($0.offset) }.map { offset, unit -> Paragraph in
            let heading = unit.kind == .short && unit.words <= 15 && !endsSentence(unit.text)
            // A headline glued to the only copy of the lede: split it off.
            let text = glued[offset] ? withoutGluedTitle(unit.text, title: title ?? "") : unit.text
            return Paragraph(text: text, kind: heading ? .heading(level: 2) : .paragraph)
        }
        return Page(title: title, published: published, paragraphs: paragraphs, site: site(lines))
    }

    /// "Tram Extension ApprovedNorthgate's council…" → "Northgate's council…" when the
    /// text starts with the headline and goes on without a break.
    static func withoutGluedTitle(_ text: String, title: String) -> String {
        guard !title.isEmpty, text.hasPrefix(title) else { return text }
        let rest = text.dropFirst(title.count).drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "–" || $0 == "—" }
        return rest.isEmpty ? text : String(rest)
    }

    /// Labels over a summary the site wrote (or generated) above the article.
    static let summaryLabels: Set<String> = [
        "brief news summary", "news summary", "summary", "article summary", "ai summary", "quick summary",
        "summary of the article", "tldr", "tl;dr", "in brief", "at a glance",
    ]

    /// The site's name, as the dump gives it: a copyright line with a name
    /// ("Copyright @ 2009~2026 Tidewater Times All Rights Reserved."), or a
    /// short line followed by the site's address whose host spells the same
    /// name ("AdminSo" / "http://www.adminso.com"); else that address's host.
    static func site(_ lines: [String]) -> String? {
        var host: String?
        var named: String?
        for (index, line) in lines.enumerated() {
            let bare = line.trimmingCharacters(in: .whitespaces)
            if isAddress(bare.lowercased()),
                let found = URL(string: bare.hasPrefix("http") ? bare : "http://" + bare)?.host
            {
                let name = found.hasPrefix("www.") ? String(found.dropFirst(4)) : found
                if host == nil { host = name }
                if named == nil, index > 0, let label = siteLabel(lines[index - 1], host: name) { named = label }
            }
            if let name = SiteName.fromCopyright(line) { return name }
        }
        return named ?? host
    }

    /// A line of one to five words whose letters spell the start of `host` ("Tidewater Times", "tidewatertimes.example").
    static func siteLabel(_ line: String, host: String) -> String? {
        let words = line.split(separator: " ")
        guard (1...5).contains(words.count) else { return nil }
        let key = ParagraphFilter.key(line)
        let hostKey = ParagraphFilter.key(String(host.split(separator: ".").first ?? ""))
        guard key.count >= 3, !hostKey.isEmpty, hostKey.hasPrefix(key) || key.hasPrefix(hostKey) else { return nil }
        return line
    }

    static func classify(_ line: String, words: Int) -> Class {
        let lower = line.lowercased()
        let bare = lower.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        if listHeadings.contains(bare) { return .listHeading }
        if lower.hasPrefix("disclaimer") || lower.hasPrefix("copyright") || lower.hasPrefix("©") { return .furniture }
        if words <= 25 && ParagraphFilter.isFurniturePhrase(line) { return .furniture }
        if isBreadcrumb(line) || isAddress(bare) || isCounter(bare) || isLanguagePicker(lower, words: words) {
            return .furniture
        }
        // A teaser title cut short: "Google's AI Mode Can Now Work Like a Virtual Sale…".
        if words <= 20 && (line.hasSuffix("…") || line.hasSuffix("...")) { return .furniture }
        if words <= 6 && (lower.hasPrefix("follow ") || lower.hasPrefix("scan ") || lower.contains("technical support"))
        {
            return .furniture
        }
        if ParagraphFilter.isDisclaimer(lower) { return .furniture }
        if words >= 20 && line.contains(where: { ".!?".contains($0) }) { return .prose }
        return .short
    }

    static let listHeadings: Set<String> = [
        "hot news", "all news", "latest news", "more news", "related news", "related", "related articles",
        "related stories", "related posts", "read more", "read also", "see also", "more from", "more stories",
        "most read", "most popular", "popular", "popular news", "trending", "trending now", "top stories",
        "you may also like", "you might also like", "recommended", "recommended for you", "news list",
        "latest", "more articles", "further reading", "editor's picks", "editors' picks", "featured",
    ]

    /// "Home > News list > Tech >> Industry dynamics", "News / World / Asia".
    static func isBreadcrumb(_ line: String) -> Bool {
        // Most lines are prose with no separator at all: say no before splitting anything.
        guard line.utf8.count <= 300, hasBreadcrumbSeparator(line) else { return false }
        for separator in [">", "»", "›", " / ", "|"] {
            let parts = line.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if parts.count >= 3 || (parts.count == 2 && line.lowercased().hasPrefix("home")),
                parts.allSatisfy({ $0.split(separator: " ").count <= 4 })
            {
                return true
            }
        }
        return false
    }

    /// Whether `line` holds ">", "|", "/", "»" or "›", looked for in its UTF-8 bytes.
    static func hasBreadcrumbSeparator(_ line: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in line.utf8 {
            switch byte {
            case 0x3E, 0x7C, 0x2F: return true
            case 0xBB where previous.1 == 0xC2: return true  // »
            case 0xBA where previous == (0xE2, 0x80): return true  // ›
            default: previous = (previous.1, byte)
            }
        }
        return false
    }

    static func isAddress(_ text: String) -> Bool {
        !text.utf8.contains(UInt8(ascii: " "))
            && (text.hasPrefix("http") || text.hasPrefix("www.") || text.hasSuffix(".com"))
    }

    /// "3742", "3,742 views", "12 comments".
    static func isCounter(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard let first = parts.first, parts.count <= 2, first.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." })
        else {
            return false
        }
        return parts.count == 1
            || ["views", "view", "comments", "comment", "likes", "shares", "reads"].contains(String(parts[1]))
    }

    static let languageNames: Set<String> = [
        "english", "español", "espanol", "français", "francais", "deutsch", "italiano", "português", "portugues",
        "nederlands", "русский", "中文", "日本語", "한국어", "العربية", "polski", "türkçe", "lang", "language", "icon",
        "简体中文", "繁體中文",
    ]

    /// "lang icon English", "English | Deutsch | Français".
    static func isLanguagePicker(_ lower: String, words: Int) -> Bool {
        guard words <= 8 else { return false }
        let parts = lower.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "/" || $0 == "·" })
        guard parts.contains(where: { languageNames.contains(String($0)) && $0 != "icon" && $0 != "lang" }) else {
            return false
        }
        return parts.allSatisfy { languageNames.contains(String($0)) }
    }
}
