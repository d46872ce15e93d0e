/// The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping",
/// Program 14(3), 1980), with the rules of the original paper.
///
/// ```swift
/// Stemmer.stem("generalizations")  // "gener"
/// Stemmer.stem("relational")       // "relat"
/// ```
///
/// Expects a lowercased word (as ``Tokenizer/words(_:)`` gives). Words of one
/// or two letters, and words with anything but the letters a–z, come back
/// unchanged.
public enum Stemmer {
    /// The Porter stem of `word`.
    ///
    /// Remembered per thread (up to ``cacheLimit`` words): news text repeats its words, and a
    /// lookup costs a fraction of stemming. The answer is the same either way.
    public static func stem(_ word: String) -> String {
        let cache = StemCache.current
        if let known = cache.words.number(of: word) { return cache.stems[known] }
        let stem = porterStem(word)
        if cache.stems.count < cacheLimit {
            cache.words.insert(word)
            cache.stems.append(stem)
        }
        return stem
    }

    /// ``stem(_:)`` of the word whose UTF-8 is `word`: a remembered word is found by its bytes,
    /// with no `String` made for it.
    public static func stem(utf8 word: UnsafeBufferPointer<UInt8>) -> String {
        let cache = StemCache.current
        if let known = cache.words.number(of: word) { return cache.stems[known] }
        return stem(String(decoding: word, as: UTF8.self))
    }

    /// Words remembered per thread; past it, words are stemmed without being kept.
    public static let cacheLimit = 100_000

    /// The Porter stem of `word`, computed.
    static func porterStem(_ word: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for b in word.utf8 {
            guard b >= 0x61 && b <= 0x7A else { return word }
            bytes.append(b)
        }
        guard bytes.count > 2 else { return word }
        var w = PorterWord(bytes)
        w.step1a()
        w.step1b()
        w.step1c()
        w.step2()
        w.step3()
        w.step4()
        w.step5()
        return String(decoding: w.b, as: UTF8.self)
    }
}

/// One thread's remembered stems.
private final class StemCache {
    /// Words stemmed so far, numbered; `stems` by the same numbers.
    var words = StringTable()
    var stems: [String] = []

    static let perThread = PerThread { StemCache() }
    static var current: StemCache { perThread.current }
}

/// The word being stemmed, with Porter's measure and conditions.
private struct PorterWord {
    var b: [UInt8]

    init(_ b: [UInt8]) { self.b = b }

    /// Whether b[i] is a consonant: not a vowel, and "y" only after a vowel (or first).
    func isConsonant(_ i: Int) -> Bool {
        switch b[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
            return false
        case UInt8(ascii: "y"):
            return i == 0 ? true : !isConsonant(i - 1)
        default:
            return true
        }
    }

    /// m in [C](VC)^m[V] for the first `length` letters.
    func measure(_ length: Int) -> Int {
        var m = 0
        var i = 0
        while i < length && isConsonant(i) { i += 1 }
        while i < length {
            while i < length && !isConsonant(i) { i += 1 }
            guard i < length else { break }
            m += 1
            while i < length && isConsonant(i) { i += 1 }
        }
        return m
    }

    /// *v*: the first `length` letters contain a vowel.
    func hasVowel(_ length: Int) -> Bool {
        (0..<length).contains { !isConsonant($0) }
    }

    /// *d: the first `length` letters end with a double consonant.
    func endsWithDoubleConsonant(_ length: Int) -> Bool {
        length >= 2 && b[length - 1] == b[length - 2] && isConsonant(length - 1)
    }

    /// *o: the first `length` letters end consonant-vowel-consonant, the last not w, x or y.
    func endsCVC(_ length: Int) -> Bool {
        guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3) else {
            return false
        }
        let last = b[length - 1]
        return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
    }

    func ends(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard n <= b.count else { return false }
        let p = suffix.utf8Start
        let offset = b.count - n
        for k in 0..<n where b[offset + k] != p[k] { return false }
        return true
    }

    mutating func replaceSuffix(_ count: Int, with replacement: StaticString) {
        b.removeLast(count)
        let p = replacement.utf8Start
        for k in 0..<replacement.utf8CodeUnitCount { b.append(p[k]) }
    }

    /// Applies the first rule of `rules` whose suffix matches (rules are tried
    /// longest first within a step, as the paper says) if the stem's measure
    /// is above `minMeasure`; a matching rule whose condition fails ends the step.
    mutating func applyFirst(_ rules: [(StaticString, StaticString)], minMeasure: Int = 0) {
        for (suffix, replacement) in rules where ends(suffix) {
            let stemLength = b.count - suffix.utf8CodeUnitCount
            if measure(stemLength) > minMeasure {
                replaceSuffix(suffix.utf8CodeUnitCount, with: replacement)
            }
            return
        }
    }

    mutating func step1a() {
        if ends("sses") {
            b.removeLast(2)
        } else if ends("ies") {
            b.removeLast(2)
        } else if ends("ss") {
            return
        } else if ends("s") {
            b.removeLast()
        }
    }

    mutating func step1b() {
        if ends("eed") {
            if measure(b.count - 3) > 0 { b.removeLast() }
            return
        }
        let suffixLength: Int
        if ends("ed"), hasVowel(b.count - 2) {
            suffixLength = 2
        } else if ends("ing"), hasVowel(b.count - 3) {
            suffixLength = 3
        } else {
            return
        }
        b.removeLast(suffixLength)
        if ends("at") || ends("bl") || ends("iz") {
            b.append(UInt8(ascii: "e"))
        } else if endsWithDoubleConsonant(b.count) {
            let last = b[b.count - 1]
            if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") {
                b.removeLast()
            }
        } else if measure(b.count) == 1 && endsCVC(b.count) {
            b.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        if ends("y"), hasVowel(b.count - 1) {
            b[b.count - 1] = UInt8(ascii: "i")
        }
    }

    static let step2Rules: [(StaticString, StaticString)] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ].sorted { $0.0.utf8CodeUnitCount > $1.0.utf8CodeUnitCount }

    static let step3Rules: [(StaticString, StaticString)] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
        ("ness", ""),
    ].sorted { $0.0.utf8CodeUnitCount > $1.0.utf8CodeUnitCount }

    static let step4Suffixes: [StaticString] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
        "ism", "ate", "iti", "ous", "ive", "ize",
    ].sorted { $0.utf8CodeUnitCount > $1.utf8CodeUnitCount }

    mutating func step2() { applyFirst(Self.step2Rules) }

    mutating func step3() { applyFirst(Self.step3Rules) }

    mutating func step4() {
        for suffix in Self.step4Suffixes where ends(suffix) {
            let stemLength = b.count - suffix.utf8CodeUnitCount
            guard measure(stemLength) > 1 else { return }
            if suffix.utf8CodeUnitCount == 3 && ends("ion") {
                let before = stemLength > 0 ? b[stemLength - 1] : 0
                guard before == UInt8(ascii: "s") || before == UInt8(ascii: "t") else { return }
            }
            b.removeLast(suffix.utf8CodeUnitCount)
            return
        }
    }

    mutating func step5() {
        if ends("e") {
            let m = measure(b.count - 1)
            if m > 1 || (m == 1 && !endsCVC(b.count - 1)) { b.removeLast() }
        }
        if ends("ll"), measure(b.count) > 1 {
            b.removeLast()
        }
    }
}
