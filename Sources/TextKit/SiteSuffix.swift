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
    private static let separatorBytes = separators.map { Array($0.utf8) }
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
        // The separator found last in the title, searched on its bytes (taken once).
        let bytes = Array(title.utf8)
        var last: (offset: Int, separator: String)?
        for (separator, separatorBytes) in zip(separators, separatorBytes) {
            guard let offset = ByteSearch.lastOffset(of: separatorBytes, in: bytes) else { continue }
            if last == nil || offset > last!.offset { last = (offset, separator) }
        }
        guard let (offset, separator) = last else { return nil }
        let lower = title.utf8.index(title.startIndex, offsetBy: offset)
        let head = title[..<lower], tail = title[title.utf8.index(lower, offsetBy: separator.utf8.count)...]
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

    private static func squashed(_ text: some StringProtocol) -> String {
        String(
            text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                .map(Character.init))
    }

    private static func looksLikeDomain(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        guard !lower.utf8.contains(UInt8(ascii: " ")) else { return false }
        let bytes = Array(lower.utf8)
        return [".com", ".org", ".net", ".co.", ".co", ".news", ".io", ".cn", ".uk"].contains {
            lower.hasSuffix($0) || ByteSearch.contains(bytes, Array(($0 + ".").utf8))
        }
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
