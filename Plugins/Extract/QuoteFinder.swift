import TextKit

/// Direct quotes in a paragraph and who said them, when the text says so next
/// to the quote: “…,” Heim said / “…,” said Lennart Heim / Heim said: “…”.
enum QuoteFinder {
    static let openers: StringTable = ["“", "\"", "«"]
    static let closers: [String: String] = ["“": "”", "\"": "\"", "«": "»"]

    static func quotes(_ tokens: [Token], in text: String) -> [FactExtractor.Quote] {
        var quotes: [FactExtractor.Quote] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .punctuation, openers.contains(tokens[i].text), let closer = closers[tokens[i].text]
            else {
                i += 1
                continue
            }
            guard let close = tokens[(i + 1)...].firstIndex(where: { $0.text == closer }) else { break }
            let words = tokens[(i + 1)..<close].filter(\.isWordLike).count
            if words >= 3, close > i + 1 {
                var quoted = String(text[tokens[i + 1].range.lowerBound..<tokens[close - 1].range.upperBound])
                while let last = quoted.last, last == "," { quoted.removeLast() }
                quotes.append(.init(text: quoted, speaker: speakerAfter(tokens, close) ?? speakerBefore(tokens, i)))
            }
            i = close + 1
        }
        return quotes
    }

    /// A capitalized name starting at `start` (titles skipped), and the index after it.
    static func name(_ tokens: [Token], from start: Int) -> (String, Int)? {
        var j = start
        while j < tokens.count, EntityCues.personTitles.contains(tokens[j].text.lowercased()), tokens[j].isCapitalized {
            j += 1
            if j < tokens.count, tokens[j].text == "." { j += 1 }
        }
        var words: [String] = []
        while j < tokens.count, tokens[j].kind == .word, tokens[j].isCapitalized,
            !Stopwords.english.contains(tokens[j].text.lowercased())
        {
            words.append(tokens[j].text)
            j += 1
        }
        return words.isEmpty ? nil : (words.joined(separator: " "), j)
    }

    static func isSpeech(_ token: Token) -> Bool { EntityCues.speechVerbs.contains(token.text.lowercased()) }

    /// “…,” Heim said / “…,” said Heim.
    static func speakerAfter(_ tokens: [Token], _ close: Int) -> String? {
        var j = close + 1
        if j < tokens.count, tokens[j].text == "," { j += 1 }
        guard j < tokens.count else { return nil }
        if isSpeech(tokens[j]) { return name(tokens, from: j + 1)?.0 }
        if let (speaker, after) = name(tokens, from: j), after < tokens.count, isSpeech(tokens[after]) {
            return speaker
        }
        return nil
    }

    /// Heim said: “…” / Heim said, “…”.
    static func speakerBefore(_ tokens: [Token], _ open: Int) -> String? {
        var j = open - 1
        if j >= 0, tokens[j].text == ":" || tokens[j].text == "," { j -= 1 }
        guard j >= 1, isSpeech(tokens[j]) else { return nil }
        var k = j - 1
        while k > 0, tokens[k - 1].kind == .word, tokens[k - 1].isCapitalized { k -= 1 }
        guard tokens[k].isCapitalized, k < j else { return nil }
        return name(tokens, from: k)?.0
    }
}
