import Foundation

/// Strips the publication's name from a page title: "Chip curbs bite |
/// Harbor Ledger" → "Chip curbs bite".
///
/// A trailing segment after ` | `, ` - `, ` – `, ` — `, ` :: ` or ` · ` is
/// removed when it names the site (`site`, compared without case, spaces and
/// punctuation), looks like a domain, or — after ` | `, ` :: ` or ` · ` — is
/// short (at most four words) while the rest is a real headline (at least
/// three words). After a dash it must also be all capitalised words, since
/// dashes also join headline halves ("Storms - and then floods").
public enum SiteSuffix {
    private static let separators = [" | ", " :: ", " · ", " - ", " – ", " — "]
    private static let strongSeparators: Set<String> = [" | ", " :: ", " · "]

    /// `title` without trailing site names, whitespace trimmed.
    public static func strip(_ title: String, site: String? = nil) -> String {
        var current = title.trimmingSpaces
        while let stripped = stripOnce(current, site: site), stripped != current {
            current = stripped
        }
        return current
    }

    private static func stripOnce(_ title: String, site: String?) -> String? {
        var best: (head: Substring, tail: Substring, separator: String)?
        for separator in separators {
            guard let range = lastRange(of: separator, in: title) else { continue }
            if best == nil || range.lowerBound > best!.head.endIndex {
                best = (title[..<range.lowerBound], title[range.upperBound...], separator)
            }
        }
        guard let (head, tail, separator) = best else { return nil }
        let headWords = head.split(separator: " ").count
        guard headWords >= 2 else { return nil }
        let tailWords = tail.split(separator: " ")
        if let site, !site.isEmpty, squashed(tail) == squashed(site) { return String(head).trimmingSpaces }
        if looksLikeDomain(tail) { return String(head).trimmingSpaces }
        guard tailWords.count <= 4, headWords >= 3 else { return nil }
        if strongSeparators.contains(separator) { return String(head).trimmingSpaces }
        let capitalised = tailWords.allSatisfy { word in word.first.map { $0.isUppercase || $0.isNumber } ?? false }
        return capitalised && headWords >= 4 ? String(head).trimmingSpaces : nil
    }

    /// The last occurrence of `needle` in `text`, found on UTF-8 bytes (a whole encoded
    /// `needle` can only match on scalar boundaries).
    static func lastRange(of needle: String, in text: String) -> Range<String.Index>? {
        let hay = Array(text.utf8), pin = Array(needle.utf8)
        guard !pin.isEmpty, hay.count >= pin.count else { return nil }
        var start = hay.count - pin.count
        while start >= 0 {
            if hay[start] == pin[0] && hay[start..<(start + pin.count)].elementsEqual(pin) {
                let lower = text.utf8.index(text.startIndex, offsetBy: start)
                return lower..<text.utf8.index(lower, offsetBy: pin.count)
            }
            start -= 1
        }
        return nil
    }

    private static func squashed(_ text: some StringProtocol) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    private static func looksLikeDomain(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        guard !lower.utf8.contains(UInt8(ascii: " ")) else { return false }
        return [".com", ".org", ".net", ".co.", ".co", ".news", ".io", ".cn", ".uk"].contains { lower.hasSuffix($0) || lastRange(of: $0 + ".", in: lower) != nil }
            || lower.hasPrefix("www.")
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
