/// Fast character classes on unicode scalars, with an ASCII path that avoids
/// Unicode property lookups for the common case.
enum ScalarClass {
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if isLatinLetter(v) { return true }
        return isLetterByProperties(s)
    }

    /// A letter or combining mark by its Unicode properties.
    static func isLetterByProperties(_ s: Unicode.Scalar) -> Bool {
        isCombiningMark(s) || s.properties.isAlphabetic
    }

    /// À-ÿ and Latin Extended-A (U+00C0-U+017F) but × and ÷: every one is a letter, and they are
    /// most of the non-ASCII letters of European text, so they skip two property lookups.
    /// (The tests check the range against ``isLetterByProperties(_:)``.)
    @inline(__always)
    static func isLatinLetter(_ v: UInt32) -> Bool {
        v >= 0xC0 && v <= 0x17F && v != 0xD7 && v != 0xF7
    }

    /// U+2010-U+2027, the General Punctuation block's dashes, quotes, daggers, bullets and
    /// ellipsis: punctuation, not whitespace, letters, digits or symbols. News text is full of
    /// ’ “ ” — …, and each went through four property lookups before it was called punctuation.
    /// (The tests check the range against the other classes.)
    @inline(__always)
    static func isCommonPunctuation(_ v: UInt32) -> Bool {
        v >= 0x2010 && v <= 0x2027
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return s.properties.numericType == .decimal
    }

    @inline(__always)
    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) }

    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return s.properties.isWhitespace || v == 0x200B || v == 0xFEFF
    }

    @inline(__always)
    static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return s.properties.isUppercase
    }

    @inline(__always)
    static func isLowercase(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return s.properties.isLowercase
    }

    /// ' and ’ (and the modifier letter apostrophe).
    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{02BC}"
    }

    /// -, the Unicode hyphen and the non-breaking hyphen (not dashes).
    @inline(__always)
    static func isHyphen(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "\u{2010}" || s == "\u{2011}"
    }

    static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Currency, maths and other symbols, and the per-cent/per-mille signs.
    static func isSymbol(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        // ASCII's symbols: $ (currency), + < = > | ~ (maths), ^ ` (modifiers), and %.
        if v < 0x80 {
            return v == 0x24 || v == 0x25 || v == 0x2B || (v >= 0x3C && v <= 0x3E) || v == 0x5E || v == 0x60
                || v == 0x7C || v == 0x7E
        }
        if s == "\u{2030}" || s == "\u{2031}" { return true }
        switch s.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
        default: return false
        }
    }
}
