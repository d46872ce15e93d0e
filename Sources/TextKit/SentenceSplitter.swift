/// Splits text into sentences.
///
/// A sentence ends at ".", "!", "?", "…" or "..." (with any closing quotes
/// and brackets after them) when whitespace follows and the next sentence
/// does not start in lowercase, and always at a blank line. A period does not
/// end a sentence after a title ("Mr.", "Dr.", "Sen."), nor after an
/// abbreviation ("Inc.", "U.S.", "Jan.") or an initial ("John F. Kennedy")
/// unless the next word is a capitalized function word ("The", "He", "But"),
/// as in "She moved to the U.S. The job…". Decimal points ("3.5") and dots
/// inside acronyms never end a sentence since no space follows them.
///
/// Works on unicode scalars without regular expressions; safe to call from
/// any thread.
public enum SentenceSplitter {
    /// The sentences of `text`, in order, without surrounding whitespace.
    public static func sentences(_ text: String) -> [Substring] {
        var native = text
        return native.withUTF8 { sentences(text, bytes: $0) }
    }

    /// The walk of ``sentences(_:)``, given `text`'s UTF-8 bytes (valid while it runs).
    private static func sentences(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> [Substring] {
        let u = text[...].unicodeScalars
        let end = u.endIndex
        var sentences: [Substring] = []
        var start = u.startIndex
        var i = start

        // Only line feeds and terminators matter to the walk: the bytes between them are
        // skipped without decoding (".", "!", "?", "\n" and the lead byte E2 of "…" and "‽"
        // always start a scalar).
        func nextCandidate(after index: String.Index) -> String.Index {
            var offset = text.utf8.distance(from: text.startIndex, to: index) + 1
            while offset < bytes.count, !Self.candidateByte[Int(bytes[offset])] { offset += 1 }
            return offset >= bytes.count ? end : text.utf8.index(text.startIndex, offsetBy: offset)
        }

        func cut(_ upTo: String.Index, resumeAt next: String.Index) {
            let sentence = trimmed(text[start..<upTo])
            if !sentence.isEmpty { sentences.append(sentence) }
            start = next
        }

        while i < end {
            let c = u[i]
            if c == "\n" {
                var k = u.index(after: i)
                while k < end, u[k] != "\n", ScalarClass.isWhitespace(u[k]) { k = u.index(after: k) }
                if k < end, u[k] == "\n" {
                    cut(i, resumeAt: k)
                    i = k
                    continue
                }
                i = u.index(after: i)
                continue
            }
            guard isTerminator(c) else {
                i = nextCandidate(after: i)
                continue
            }
            var j = u.index(after: i)
            var singlePeriod = c == "."
            while j < end, isTerminator(u[j]) {
                singlePeriod = false
                j = u.index(after: j)
            }
            while j < end, isCloser(u[j]) { j = u.index(after: j) }
            guard j < end else { break }
            guard ScalarClass.isWhitespace(u[j]) else {
                i = j
                continue
            }
            var k = j
            while k < end, ScalarClass.isWhitespace(u[k]) { k = u.index(after: k) }
            guard k < end else { break }
            if startsSentence(u, at: k) && (!singlePeriod || periodEndsSentence(u, period: i, next: k)) {
                cut(j, resumeAt: k)
            }
            i = k
        }
        cut(end, resumeAt: end)
        return sentences
    }

    /// Bytes that may start a line feed or a terminator.
    static let candidateByte: [Bool] = (0..<256).map { [0x0A, 0x2E, 0x21, 0x3F, 0xE2].contains($0) }

    // MARK: - Rules

    static func isTerminator(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "!" || s == "?" || s == "\u{2026}" || s == "\u{203D}"
    }

    /// Closing quotes and brackets that belong to the sentence before them.
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "'", ")", "]", "}", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}": return true
        default: return false
        }
    }

    static func isOpener(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "'", "(", "[", "{", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{2039}", "\u{201E}": return true
        default: return false
        }
    }

    /// Whether a sentence may start at `k`: not in lowercase, not with a comma-like mark.
    static func startsSentence(_ u: Substring.UnicodeScalarView, at k: String.Index) -> Bool {
        let s = u[k]
        if ScalarClass.isLowercase(s) { return false }
        if ScalarClass.isLetter(s) || ScalarClass.isDigit(s) || isOpener(s) { return true }
        switch s {
        case ",", ";", ":", ")", "]", "}", "-", "\u{2013}", "\u{2014}", "%": return false
        default: return true
        }
    }

    /// Titles before a name: a period after one never ends a sentence.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "cpt",
        "sgt", "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "fr", "st",
        "vs", "v", "no", "nos", "pp", "vol", "art", "ch", "fig",
    ]

    /// Abbreviations that often sit mid-sentence but can also end one.
    static let abbreviations: Set<String> = [
        "inc", "ltd", "co", "corp", "llc", "plc", "bros", "jr", "sr", "etc", "al", "approx", "dept",
        "est", "mt", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
        "sun", "ft", "mins", "hrs", "govt", "intl", "univ", "assn", "cf", "ibid",
    ]

    /// Whether the single period at `period` ends the sentence, the next one starting at `next`.
    static func periodEndsSentence(_ u: Substring.UnicodeScalarView, period: String.Index, next: String.Index) -> Bool {
        // The word before the period: letters and inner dots ("U.S", "Dr", "F").
        var wordStart = period
        var hasInnerDot = false
        while wordStart > u.startIndex {
            let before = u.index(before: wordStart)
            let s = u[before]
            if ScalarClass.isLetter(s) {
                wordStart = before
            } else if s == ".", wordStart < period, before > u.startIndex,
                ScalarClass.isLetter(u[u.index(before: before)])
            {
                hasInnerDot = true
                wordStart = before
            } else {
                break
            }
        }
        guard wordStart < period else { return true }
        if wordStart > u.startIndex, ScalarClass.isDigit(u[u.index(before: wordStart)]) { return true }
        let word = String(Substring(u[wordStart..<period]))
        let lower = word.lowercased()
        let capitalized = ScalarClass.isUppercase(u[wordStart])
        if titles.contains(lower) && (capitalized || lower == "vs" || lower == "v") { return false }
        let isInitial = word.unicodeScalars.count == 1 && capitalized
        if isInitial || hasInnerDot
            || (abbreviations.contains(lower) && (capitalized || lower == "etc" || lower == "al"))
        {
            return nextWordIsSentenceStarter(u, at: next)
        }
        return true
    }

    /// A capitalized function word ("The", "He", "But") at `k`, after any opening quotes.
    static func nextWordIsSentenceStarter(_ u: Substring.UnicodeScalarView, at k: String.Index) -> Bool {
        var i = k
        while i < u.endIndex, isOpener(u[i]) { i = u.index(after: i) }
        guard i < u.endIndex, ScalarClass.isUppercase(u[i]) else { return false }
        var j = i
        while j < u.endIndex, ScalarClass.isLetter(u[j]) || ScalarClass.isApostrophe(u[j]) { j = u.index(after: j) }
        let word = Tokenizer.normalize(String(Substring(u[i..<j])))
        return Stopwords.english.contains(word) || sentenceStarters.contains(word)
    }

    /// Words that start sentences but are not stopwords.
    static let sentenceStarters: Set<String> = ["meanwhile", "instead", "today", "yesterday", "last", "according"]

    static func trimmed(_ s: Substring) -> Substring {
        var lo = s.startIndex
        var hi = s.endIndex
        let u = s.unicodeScalars
        while lo < hi, ScalarClass.isWhitespace(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, ScalarClass.isWhitespace(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        return s[lo..<hi]
    }
}
