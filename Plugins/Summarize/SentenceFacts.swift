import Foundation
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
    /// The content words of each piece a reader may take for a sentence of its own, when the
    /// sentence has more than one: it is cut after every `.`, `!` or `?` followed by a space and
    /// a capital or digit, which also cuts at "Lt. Reyes" or a caption run into the text, where
    /// our sentence splitter (rightly) does not. Empty for a sentence of one piece.
    let pieces: [Set<String>]

    init(_ sentence: String) {
        figures = Self.figures(in: sentence)
        words = Self.contentWords(sentence)
        let parts = Self.readerPieces(sentence)
        pieces = parts.count > 1 ? parts.map(Self.contentWords) : []
    }

    static func contentWords(_ text: some StringProtocol) -> Set<String> {
        var words = Set<String>()
        for word in Tokenizer.words(String(text))
        where word.unicodeScalars.count >= 4 && !Stopwords.english.contains(word) {
            words.insert(word)
        }
        return words
    }

    /// Whether `other` says a fact this sentence says: a figure in common, or more
    /// than `overlap` of their content words shared (Jaccard) — as whole sentences, or
    /// piece by piece when either has pieces a reader would read as sentences.
    func repeats(_ other: SentenceFacts, overlap: Double) -> Bool {
        if !figures.isDisjoint(with: other.figures) { return true }
        let mine = pieces.isEmpty ? [words] : [words] + pieces
        let theirs = other.pieces.isEmpty ? [other.words] : [other.words] + other.pieces
        return mine.contains { a in theirs.contains { b in Self.jaccard(a, b) > overlap } }
    }

    /// Whether two pieces of this one sentence say the same thing (a caption run into the text
    /// that repeats it).
    func repeatsItself(overlap: Double) -> Bool {
        for (i, a) in pieces.enumerated() where pieces[(i + 1)...].contains(where: { Self.jaccard(a, $0) > overlap }) {
            return true
        }
        return false
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = a.intersection(b).count
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// `sentence` cut after each `.`, `!` or `?` (and any closing quotes or brackets) that a space
    /// and then a capital letter or digit (after any opening quote or bracket) follow.
    static func readerPieces(_ sentence: String) -> [Substring] {
        let characters = Array(sentence.indices)
        var pieces: [Substring] = []
        var start = sentence.startIndex
        var k = 0
        while k < characters.count {
            let here = characters[k]
            guard ".!?".contains(sentence[here]) else {
                k += 1
                continue
            }
            var end = k + 1
            while end < characters.count, "\"'\u{201D})]".contains(sentence[characters[end]]) { end += 1 }
            var next = end
            guard next < characters.count, sentence[characters[next]] == " " else {
                k = end
                continue
            }
            while next < characters.count, sentence[characters[next]] == " " { next += 1 }
            var first = next
            while first < characters.count, "\"\u{201C}([".contains(sentence[characters[first]]) { first += 1 }
            if first < characters.count, sentence[characters[first]].isUppercase || sentence[characters[first]].isNumber
            {
                pieces.append(sentence[start...characters[end - 1]])
                start = characters[next]
            }
            k = next
        }
        pieces.append(sentence[start...])
        return pieces.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
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
