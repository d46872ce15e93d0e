/// One token of a text as ``Tokenizer/tokens(_:)`` found it: its surface form
/// (case kept), where it sits in the text, and what kind of token it is.
public struct Token: Sendable, Hashable {
    /// What a token is made of.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Letters, possibly with digits, inner apostrophes and hyphens, or an
        /// acronym with dots ("don't", "COVID-19", "U.S.").
        case word
        /// Digits with inner decimal points or thousands separators ("3.5", "1,200").
        case number
        /// One punctuation mark ("." "," "“" "(" "-").
        case punctuation
        /// One symbol: currency, maths, other ("$" "%" "€" "+").
        case symbol
    }

    /// The token as written, case kept ("Schmidt", "U.S.", "3.5", "$").
    public let text: String
    /// Where the token is in the string it was read from.
    public let range: Range<String.Index>
    public let kind: Kind

    public init(text: String, range: Range<String.Index>, kind: Kind) {
        self.text = text
        self.range = range
        self.kind = kind
    }

    /// A word or a number, not punctuation or a symbol.
    public var isWordLike: Bool { kind == .word || kind == .number }

    /// Starts with an uppercase letter ("Nvidia", "US", "U.S.").
    public var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ScalarClass.isUppercase(first)
    }

    /// Has at least two letters and every letter is uppercase ("NASA", "U.S.", "G7"... but not "I").
    public var isAllCaps: Bool {
        var letters = 0
        for scalar in text.unicodeScalars where ScalarClass.isLetter(scalar) {
            guard ScalarClass.isUppercase(scalar) else { return false }
            letters += 1
        }
        return letters >= 2
    }
}
