/// Splits text into tokens: words, numbers, punctuation and symbols.
///
/// A word is a run of letters and digits that may continue over an inner
/// apostrophe ("don't", "O’Brien"), an inner hyphen ("COVID-19",
/// "state-of-the-art", but "2019-2020" is two numbers around a "-"), and a
/// number over an inner decimal point or thousands separator ("3.5", "1,200").
/// Single letters joined by dots are one acronym ("U.S.", "e.g.").
/// Everything else is one punctuation or symbol token per character;
/// whitespace separates tokens and is never a token.
///
/// ```swift
/// Tokenizer.words("Nvidia’s H20 chips aren't U.S.-made.")
/// // ["nvidia", "h20", "chips", "aren't", "u.s.", "made"]
/// ```
///
/// Works on unicode scalars without regular expressions; safe to call from
/// any thread.
public enum Tokenizer {
    /// The lowercased words and numbers of `text`, in order: punctuation and
    /// symbols left out, ’ written as ', and a possessive "'s" dropped
    /// ("Alibaba's" → "alibaba").
    public static func words(_ text: some StringProtocol) -> [String] {
        words(substring(text))
    }

    /// Every token of `text` with its surface form, its range in `text` (for a
    /// `Substring`, in its base string) and its kind.
    public static func tokens(_ text: some StringProtocol) -> [Token] {
        tokens(substring(text))
    }

    /// `word` lowercased with ’ written as ' and a final possessive "'s" dropped,
    /// as ``words(_:)`` writes each word.
    public static func normalize(_ word: some StringProtocol) -> String {
        normalizedWord(substring(word).unicodeScalars[...])
    }

    // Concrete overloads, so callers in other modules skip generic dispatch.

    /// ``words(_:)`` for a `String`.
    public static func words(_ text: String) -> [String] { words(text[...]) }
    /// ``tokens(_:)`` for a `String`.
    public static func tokens(_ text: String) -> [Token] { tokens(text[...]) }
    /// ``normalize(_:)`` for a `String`.
    public static func normalize(_ word: String) -> String {
        var bytes = word
        switch bytes.withUTF8(shape) {
        case .plain: return word
        case .ascii: return bytes.withUTF8 { lowered($0) }
        case .other: return normalizedWord(word[...].unicodeScalars)
        }
    }

    /// Calls `body` with the UTF-8 of ``normalize(_:)``'s result for `word` (valid while `body`
    /// runs), making no `String` when the word is ASCII: for readers that hold ``Token``s and look
    /// their words up in a ``StringTable``, as ``forEachWordUTF8(in:_:)`` does for readers that
    /// walk a text. (Not generic over a result, like that one: unspecialised across modules, a
    /// generic result cost a metadata lookup per call.)
    public static func withNormalizedUTF8(_ word: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var bytes = word
        bytes.withUTF8 { utf8 in
            switch shape(utf8) {
            case .plain:
                body(utf8)
            case .ascii:
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                    body(UnsafeBufferPointer(rebasing: buffer[..<lowered(utf8, into: buffer)]))
                }
            case .other:
                var normalized = normalizedWord(word[...].unicodeScalars)
                normalized.withUTF8(body)
            }
        }
    }

    /// ``words(_:)`` for a `Substring`.
    public static func words(_ sub: Substring) -> [String] {
        var words: [String] = []
        words.reserveCapacity(sub.utf8.count / 6)
        scan(sub) { bytes, start, end, index, kind in
            guard kind == .word || kind == .number else { return }
            words.append(normalizedWord(bytes, start, end, in: sub, index))
        }
        return words
    }

    /// Calls `body` with each token of `text` in order: for words and numbers the UTF-8 of the
    /// word as ``words(_:)`` writes it (valid while `body` runs), for punctuation and symbols nil;
    /// its kind; and whether it starts with a capital (``Token/isCapitalized``). For readers that
    /// need no ``Token`` values: no token strings or string indices are made, and a reader that
    /// looks words up in a ``StringTable`` makes a `String` only for the words it has not seen
    /// (most words of a text repeat one before them).
    public static func forEachWordUTF8(
        in text: String,
        _ body: (_ word: UnsafeBufferPointer<UInt8>?, _ kind: Token.Kind, _ isCapitalized: Bool) -> Void
    ) {
        forEachWordUTF8(in: text[...], body)
    }

    /// ``forEachWordUTF8(in:_:)`` for a `Substring`.
    public static func forEachWordUTF8(
        in sub: Substring,
        _ body: (_ word: UnsafeBufferPointer<UInt8>?, _ kind: Token.Kind, _ isCapitalized: Bool) -> Void
    ) {
        scan(sub) { bytes, start, end, index, kind in
            guard kind == .word || kind == .number else {
                body(nil, kind, false)
                return
            }
            let capitalized = ScalarClass.isUppercase(scalar(bytes, at: start).0)
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            switch shape(word) {
            case .plain:
                body(word, kind, capitalized)
            case .ascii:
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { buffer in
                    let count = lowered(word, into: buffer)
                    body(UnsafeBufferPointer(rebasing: buffer[..<count]), kind, capitalized)
                }
            case .other:
                var normalized = normalizedWord(sub.unicodeScalars[index(start)..<index(end)])
                normalized.withUTF8 { body($0, kind, capitalized) }
            }
        }
    }

    /// The word scanned at bytes `start..<end` of `sub`, normalised: from the bytes when they
    /// are ASCII, else from its scalars.
    static func normalizedWord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, in sub: Substring,
        _ index: (Int) -> String.Index
    ) -> String {
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        switch shape(word) {
        case .plain: return String(decoding: word, as: UTF8.self)
        case .ascii: return lowered(word)
        case .other: return normalizedWord(sub.unicodeScalars[index(start)..<index(end)])
        }
    }

    /// ``tokens(_:)`` for a `Substring`.
    public static func tokens(_ sub: Substring) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(sub.utf8.count / 5)
        scan(sub) { bytes, start, end, index, kind in
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            tokens.append(Token(text: text, range: index(start)..<index(end), kind: kind))
        }
        return tokens
    }

    // MARK: - Scanning

    static func substring(_ text: some StringProtocol) -> Substring {
        if let string = text as? String { return string[...] }
        if let sub = text as? Substring { return sub }
        return String(text)[...]
    }

    /// Calls `body` with each token's range and kind, in order.
    ///
    /// Walks the UTF-8 bytes (ASCII, nearly all of a news text, without decoding) and hands out
    /// ranges made from byte offsets; every range starts and ends on a scalar boundary.
    static func scan(_ text: Substring, _ body: (Range<String.Index>, Token.Kind) -> Void) {
        scan(text) { _, start, end, index, kind in body(index(start)..<index(end), kind) }
    }

    /// ``scan(_:_:)`` handing out each token as byte offsets into the text's UTF-8 (valid while
    /// `body` runs), with a function turning an offset into an index of `text`: callers that
    /// need only the bytes make no indices.
    static func scan(
        _ text: Substring,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Int, (Int) -> String.Index, Token.Kind) -> Void
    ) {
        let utf8 = text.utf8
        let origin = text.startIndex
        var contiguous = text
        contiguous.withUTF8 { bytes in
            let end = bytes.count
            let index = { (offset: Int) -> String.Index in utf8.index(origin, offsetBy: offset) }
            func emit(_ range: (Int, Int), _ kind: Token.Kind) { body(bytes, range.0, range.1, index, kind) }
            var i = 0
            while i < end {
                let (c, width) = scalar(bytes, at: i)
                if ScalarClass.isCommonPunctuation(c.value) {
                    emit((i, i + width), .punctuation)
                    i += width
                    continue
                }
                if ScalarClass.isWhitespace(c) {
                    i += width
                    continue
                }
                guard ScalarClass.isAlphanumeric(c) else {
                    emit((i, i + width), ScalarClass.isSymbol(c) ? .symbol : .punctuation)
                    i += width
                    continue
                }
                // An acronym's first letter is followed by a dot, so a one-byte first scalar with
                // anything else after it (nearly every word) starts none: no call for it.
                let mayBeAcronym = width > 1 || i + 1 == end || bytes[i + 1] == UInt8(ascii: ".")
                if mayBeAcronym, let acronymEnd = acronymEnd(bytes, from: i) {
                    emit((i, acronymEnd), .word)
                    i = acronymEnd
                    continue
                }
                var hasLetter = false
                var runIsDigits = true
                var j = i
                while true {
                    runIsDigits = true
                    while j < end {
                        let (s, w) = scalar(bytes, at: j)
                        if ScalarClass.isLetter(s) {
                            hasLetter = true
                            runIsDigits = false
                        } else if !ScalarClass.isDigit(s) {
                            break
                        }
                        j += w
                    }
                    guard j < end else { break }
                    let (joiner, joinerWidth) = scalar(bytes, at: j)
                    let k = j + joinerWidth
                    guard k < end else { break }
                    let (next, _) = scalar(bytes, at: k)
                    if ScalarClass.isApostrophe(joiner), ScalarClass.isLetter(next), !runIsDigits {
                        j = k
                    } else if ScalarClass.isHyphen(joiner),
                        ScalarClass.isLetter(next) || (hasLetter && ScalarClass.isDigit(next))
                    {
                        j = k
                    } else if joiner == "." || joiner == ",", runIsDigits, ScalarClass.isDigit(next) {
                        j = k
                    } else {
                        break
                    }
                }
                emit((i, j), hasLetter ? .word : .number)
                i = j
            }
        }
    }

    /// The scalar starting at byte `offset` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let value: UInt32, width: Int
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F)
            width = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F)
            width = 3
        } else {
            value =
                UInt32(lead & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12 | UInt32(bytes[offset + 2] & 0x3F)
                << 6
                | UInt32(bytes[offset + 3] & 0x3F)
            width = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The end (byte offset) of an acronym of two or more single letters each followed by a
    /// dot ("U.S.", "e.g."), starting at byte `start`, or nil.
    static func acronymEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let end = bytes.count
        var j = start
        var letters = 0
        while j < end {
            let (letter, width) = scalar(bytes, at: j)
            guard ScalarClass.isLetter(letter) else { break }
            let dot = j + width
            guard dot < end, bytes[dot] == UInt8(ascii: ".") else { break }
            j = dot + 1
            letters += 1
        }
        guard letters >= 2 else { return nil }
        if j < end, ScalarClass.isAlphanumeric(scalar(bytes, at: j).0) { return nil }
        return j
    }

    /// How a scanned word's bytes relate to its normalised form.
    enum WordShape {
        /// Lowercase ASCII without apostrophes: the bytes are the normalised word.
        case plain
        /// ASCII with capitals or an apostrophe: ``lowered(_:into:)`` writes it.
        case ascii
        /// Not ASCII: the scalar path decides.
        case other
    }

    static func shape(_ bytes: UnsafeBufferPointer<UInt8>) -> WordShape {
        var plain = true
        for b in bytes {
            if b >= 0x80 { return .other }
            if (b >= 0x41 && b <= 0x5A) || b == 0x27 { plain = false }
        }
        return plain ? .plain : .ascii
    }

    /// Writes ASCII `bytes` lowercased, without a final possessive "'s", into `buffer` (at least
    /// as long); returns how many bytes it wrote.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes {
            buffer[n] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            n += 1
        }
        if n > 2, buffer[n - 1] == 0x73, buffer[n - 2] == 0x27 { n -= 2 }
        return n
    }

    /// ASCII `bytes` lowercased, without a final possessive "'s", as a `String`.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { lowered(bytes, into: $0) }
    }

    static func normalizedWord(_ scalars: Substring.UnicodeScalarView) -> String {
        let utf8 = Substring(scalars).utf8
        var plain = true  // lowercase ASCII without apostrophes: already normalised
        var ascii = true
        for b in utf8 {
            if b >= 0x80 {
                ascii = false
                plain = false
            } else if (b >= 0x41 && b <= 0x5A) || b == 0x27 {
                plain = false
            }
        }
        if plain { return String(Substring(scalars)) }
        var word: String
        if ascii || !scalars.contains(where: { $0.value >= 0x80 && !ScalarClass.isApostrophe($0) }) {
            var count = 0
            for s in scalars {
                count += 1
                _ = s
            }
            return String(unsafeUninitializedCapacity: count) { buffer in
                var n = 0
                for s in scalars {
                    let v = s.value
                    buffer[n] = v >= 0x41 && v <= 0x5A ? UInt8(v | 0x20) : (v < 0x80 ? UInt8(v) : 0x27)  // ’ → '
                    n += 1
                }
                if n > 2, buffer[n - 1] == 0x73, buffer[n - 2] == 0x27 { n -= 2 }
                return n
            }
        }
        word = String(Substring(scalars)).lowercased()
        if word.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{02BC}" }) {
            word = String(String.UnicodeScalarView(word.unicodeScalars.map { ScalarClass.isApostrophe($0) ? "'" : $0 }))
        }
        if word.count > 2, word.hasSuffix("'s") { word.removeLast(2) }
        return word
    }
}
