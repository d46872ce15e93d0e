import Testing
import TextKit

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("words are lowercased and leave punctuation and symbols out")
    func wordsLowercased() {
        #expect(
            Tokenizer.words("Nvidia shares fell 4% on Monday, analysts said.")
                == ["nvidia", "shares", "fell", "4", "on", "monday", "analysts", "said"])
    }

    @Test("inner apostrophes stay, curly ones become straight, possessive 's goes")
    func apostrophes() {
        #expect(
            Tokenizer.words("Alibaba’s chips don't match O'Brien's rock 'n' roll")
                == ["alibaba", "chips", "don't", "match", "o'brien", "rock", "n", "roll"])
        #expect(Tokenizer.words("the analysts' view") == ["the", "analysts", "view"])
    }

    @Test("inner hyphens join words but not two numbers")
    func hyphens() {
        #expect(
            Tokenizer.words("a state-of-the-art COVID-19 test for 19-year-olds, 2019-2020")
                == ["a", "state-of-the-art", "covid-19", "test", "for", "19-year-olds", "2019", "2020"])
        #expect(Tokenizer.words("prices rose - sharply") == ["prices", "rose", "sharply"])
    }

    @Test("decimals and thousands separators stay inside a number")
    func numbers() {
        let tokens = Tokenizer.tokens("It cost $1,250.75, up 3.5%.")
        #expect(tokens.map(\.text) == ["It", "cost", "$", "1,250.75", ",", "up", "3.5", "%", "."])
        #expect(
            tokens.map(\.kind) == [.word, .word, .symbol, .number, .punctuation, .word, .number, .symbol, .punctuation])
    }

    @Test("dotted acronyms are one token, a sentence-final period after a word is not part of it")
    func acronyms() {
        #expect(
            Tokenizer.tokens("The U.S. and U.K. agreed, e.g. on chips.").map(\.text)
                == ["The", "U.S.", "and", "U.K.", "agreed", ",", "e.g.", "on", "chips", "."])
        // Acronyms of non-ASCII letters, at the very end, and one letter with a dot.
        #expect(Tokenizer.tokens("É.U. a.b A. x.").map(\.text) == ["É.U.", "a", ".", "b", "A", ".", "x", "."])
        #expect(Tokenizer.tokens("U.S.").map(\.text) == ["U.S."])
        #expect(Tokenizer.tokens("Dr. Heim").map(\.text) == ["Dr", ".", "Heim"])
    }

    @Test("token ranges point at the token in the original string, also in a substring")
    func ranges() {
        let text = "Said Eric Schmidt: “No.”"
        let tokens = Tokenizer.tokens(text)
        #expect(tokens.map { String(text[$0.range]) } == tokens.map(\.text))
        #expect(tokens.map(\.text) == ["Said", "Eric", "Schmidt", ":", "“", "No", ".", "”"])

        let sub = text.dropFirst(5)
        let subTokens = Tokenizer.tokens(sub)
        #expect(subTokens.first?.text == "Eric")
        #expect(subTokens.first.map { text[$0.range] } == "Eric")
    }

    @Test("letters outside ASCII and combining marks are word letters")
    func unicodeWords() {
        #expect(
            Tokenizer.words("Zürich’s café met Ángela in São Paulo") == [
                "zürich", "café", "met", "ángela", "in", "são", "paulo",
            ])
        // "e" followed by a combining acute accent stays one word.
        #expect(Tokenizer.words("cafe\u{301} noir").count == 2)
    }

    @Test("case helpers tell names and acronyms apart")
    func caseHelpers() {
        let tokens = Tokenizer.tokens("NASA and Nvidia met I")
        #expect(tokens.map(\.isCapitalized) == [true, false, true, false, true])
        #expect(tokens.map(\.isAllCaps) == [true, false, false, false, false])
    }

    @Test("empty and whitespace-only text has no tokens")
    func empty() {
        #expect(Tokenizer.tokens("").isEmpty)
        #expect(Tokenizer.words(" \n\t ").isEmpty)
    }

    static let mixedText =
        "Ms. O’Brien’s firm, Kellport-Nordbank AG, paid $3.5m (1,200 shares) to ÉLAN on 9 Jan; Zürich’s U.S.-made Vaccines didn't ship. 2019-2020 São Paulo. NATO's CHIEF'S"

    @Test("forEachWordUTF8 gives the bytes of what tokens, normalize and isCapitalized give, token for token")
    func forEachWordUTF8MatchesTokens() {
        let text = Self.mixedText
        var seen: [(String?, Token.Kind, Bool)] = []
        Tokenizer.forEachWordUTF8(in: text) { word, kind, capitalized in
            seen.append((word.map { String(decoding: $0, as: UTF8.self) }, kind, capitalized))
        }
        let tokens = Tokenizer.tokens(text)
        #expect(seen.count == tokens.count)
        for (got, token) in zip(seen, tokens) {
            #expect(got.0 == (token.isWordLike ? Tokenizer.normalize(token.text) : nil))
            #expect(got.1 == token.kind)
            #expect(got.2 == (token.isWordLike && token.isCapitalized))
        }
        // Written out by hand for a few.
        #expect(seen.prefix(4).map(\.0) == ["ms", nil, "o'brien", "firm"])
        #expect(seen.contains { $0.0 == "élan" && $0.2 })
        // The three shapes: kept as is, lowered with "'s" dropped, through scalars.
        #expect(
            seen.contains { $0.0 == "firm" } && seen.contains { $0.0 == "nato" } && seen.contains { $0.0 == "zürich" })
    }

    @Test("withNormalizedUTF8 gives the bytes of normalize")
    func withNormalizedUTF8MatchesNormalize() {
        let words =
            Tokenizer.tokens(Self.mixedText).map(\.text) + [
                "", "s", "'s", "A's", "ÉLAN’S", "plain", "İstanbul", "O’Brien",
            ]
        for word in words {
            var got: String?
            Tokenizer.withNormalizedUTF8(word) { got = String(decoding: $0, as: UTF8.self) }
            #expect(got == Tokenizer.normalize(word), "\(word)")
        }
    }
}
