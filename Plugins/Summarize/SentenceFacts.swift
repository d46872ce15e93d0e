import TextKit

/// What one sentence of a story summary asserts, in the two forms a repeat is
/// recognised by: its figures and its content words. Outlets retell one fact in
/// their own words ("forcing 1,200 people from their homes", "1,200 residents were
/// evacuated"); the figure, not the wording, says it is the same fact.
struct SentenceFacts: Sendable, Equatable {
    /// Numbers of 10 or more as written without thousands separators ("1,200" is
    /// "1200", "4.5" stays), years 1900-2099 left out: small counts and years
    /// recur in sentences that say different things.
    let figures: Set<String>
    /// Lowercased words of four letters or more that are not stopwords.
    let words: Set<String>

    init(_ sentence: String) {
        figures = Self.figures(in: sentence)
        var words = Set<String>()
        for word in Tokenizer.words(sentence) where word.unicodeScalars.count >= 4 && !Stopwords.english.contains(word)
        {
            words.insert(word)
        }
        self.words = words
    }

    /// Whether `other` says a fact this sentence says: a figure in common, or more
    /// than `overlap` of their content words shared (Jaccard).
    func repeats(_ other: SentenceFacts, overlap: Double) -> Bool {
        if !figures.isDisjoint(with: other.figures) { return true }
        guard !words.isEmpty, !other.words.isEmpty else { return false }
        let shared = words.intersection(other.words).count
        return Double(shared) / Double(words.count + other.words.count - shared) > overlap
    }

    /// The figures of `sentence`: runs of digits, with `,ddd` groups and one decimal
    /// part, not glued to a letter or another number ("A380", "3.25.1" are not figures
    /// of their own).
    static func figures(in sentence: String) -> Set<String> {
        let bytes = Array(sentence.utf8)
        var found = Set<String>()
        func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
                || byte >= 0x80
        }
        var k = 0
        while k < bytes.count {
            guard isDigit(k), k == 0 || !(isWordByte(bytes[k - 1]) || bytes[k - 1] == 0x2E || bytes[k - 1] == 0x2C)
            else {
                k += 1
                continue
            }
            var digits: [UInt8] = []
            while isDigit(k) {
                digits.append(bytes[k])
                k += 1
            }
            // Thousands groups: ",ddd" not followed by another digit.
            while k < bytes.count, bytes[k] == 0x2C, isDigit(k + 1), isDigit(k + 2), isDigit(k + 3), !isDigit(k + 4) {
                digits.append(contentsOf: bytes[k + 1...k + 3])
                k += 4
            }
            var decimal = false
            if k + 1 < bytes.count, bytes[k] == 0x2E, isDigit(k + 1) {
                decimal = true
                digits.append(0x2E)
                k += 1
                while isDigit(k) {
                    digits.append(bytes[k])
                    k += 1
                }
            }
            let text = String(decoding: digits, as: UTF8.self)
            guard let value = Double(text), value >= 10 else { continue }
            if !decimal, value >= 1900, value <= 2099 { continue }
            found.insert(text)
        }
        return found
    }
}
