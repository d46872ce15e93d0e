import Foundation
import TextKit

/// The name a page gives its own site, when no metadata carries it: in its
/// copyright line or after its title.
enum SiteName {
    /// "© 2026 The Copperfield Gazette", "Copyright @ 2009~2026 Tidewater Times All Rights Reserved.",
    /// "© 1998–2026 Valley Courier Publishing Co." → the name, without company-form words.
    /// The word "Copyright" must be followed by a year (prose says "copyright law"); the sign need not.
    static func fromCopyright(_ line: String) -> String? {
        let lower = line.lowercased()
        let marker: Range<String.Index>
        var needsYear = false
        if let sign = line.range(of: "©") {
            marker = sign
        } else if let word = lower.range(of: "copyright") {
            marker = word
            needsYear = true
        } else {
            return nil
        }
        // Skip signs, years and ranges: "© 1998–2026", "Copyright @ 2009~2026", "(c) 2025,".
        var rest = Substring(line[marker.upperBound...])
        var sawYear = false
        while true {
            let before = rest.count
            rest = rest.drop { $0 == " " || $0 == "\u{A0}" || "©@~–—-,:".contains($0) }
            if rest.lowercased().hasPrefix("(c)") { rest = rest.dropFirst(3) }
            if rest.lowercased().hasPrefix("copyright") { rest = rest.dropFirst(9) }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if digits.count == 4 {
                sawYear = true
                rest = rest.dropFirst(4)
            }
            if rest.count == before { break }
        }
        if needsYear && !sawYear { return nil }
        var name = String(rest)
        for stop in [".", ",", "|", "·", ";", "(", " - ", " – ", " — ", "\n"] {
            if let range = name.range(of: stop) { name = String(name[..<range.lowerBound]) }
        }
        if let range = name.range(of: "all rights", options: .caseInsensitive) {
            name = String(name[..<range.lowerBound])
        }
        var words = name.split(separator: " ").map(String.init)
        while let last = words.last, words.count > 1,
            legalForms.contains(last.lowercased()) || (words.count > 2 && businessWords.contains(last.lowercased()))
        {
            words.removeLast()
        }
        guard (1...6).contains(words.count), let first = words.first?.first, first.isUppercase || first.isNumber,
            !words.contains(where: { ["rights", "reserved"].contains($0.lowercased()) })
        else { return nil }
        return words.joined(separator: " ")
    }

    static let legalForms: Set<String> = [
        "ltd", "limited", "inc", "llc", "co", "plc", "gmbh", "corp", "ag", "sa", "srl", "bv", "pty", "llp",
    ]
    static let businessWords: Set<String> = [
        "media", "publishing", "publishers", "publications", "group", "holdings", "company", "corporation", "network",
    ]

    /// "Rate cut to save homeowners $42 - Pinecrest Herald" with the headline "Rate cut to save
    /// homeowners $42" → "Pinecrest Herald": the short part after a separator that the headline
    /// does not contain.
    static func fromTitle(_ title: String, headline: String?) -> String? {
        let bytes = Array(title.utf8)
        for separator in PageMetadata.titleSeparators where ByteSearch.contains(bytes, Array(separator.utf8)) {
            let parts = title.components(separatedBy: separator)
            guard parts.count > 1, let last = parts.last?.trimmingCharacters(in: .whitespaces) else { continue }
            let words = last.split(separator: " ").count
            guard (1...5).contains(words), last.first?.isUppercase ?? false || last.first?.isNumber ?? false else {
                continue
            }
            let rest = ParagraphFilter.key(parts.dropLast().joined(separator: separator))
            let lastKey = ParagraphFilter.key(last)
            guard !lastKey.isEmpty, rest.count > lastKey.count else { continue }
            if let headline {
                let headlineKey = ParagraphFilter.key(headline)
                if headlineKey.contains(lastKey)
                    || !(headlineKey == rest || headlineKey.hasPrefix(rest) || rest.hasPrefix(headlineKey))
                {
                    continue
                }
            } else if words > 4 {
                continue
            }
            return last
        }
        return nil
    }
}
