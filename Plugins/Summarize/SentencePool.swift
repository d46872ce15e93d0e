import Foundation
import PipelineKit
import TextKit

/// One candidate sentence for a summary, with what scoring needs.
struct Sentence: Sendable {
    /// The sentence as written.
    let text: String
    /// Index of the document it came from, in the pool's document list.
    var document: Int
    /// Its position in that document: 0 for the first sentence.
    let position: Int
    /// How many sentences that document has.
    let documentLength: Int
    /// Stemmed content words, in order, repeats kept.
    let stems: [String]
    /// How many words it has (all words, for word budgets).
    let wordCount: Int
}

/// Splits documents into sentences worth considering: boilerplate lines
/// ("Click here", photo credits, datelines alone, share prompts) and
/// fragments too short to say anything are left out.
enum SentencePool {
    /// The candidate sentences of `document`, tagged with `index`.
    static func sentences(of document: Document, index: Int) -> [Sentence] {
        var texts: [Substring] = []
        for paragraph in document.text {
            texts.append(contentsOf: SentenceSplitter.sentences(paragraph))
        }
        var result: [Sentence] = []
        result.reserveCapacity(texts.count)
        let stopwords = Stopwords.english
        var position = 0
        for raw in texts {
            let text = withoutDateline(withoutTitle(raw, title: document.title))
            // Words as bytes: only the first (for the boilerplate test) and the stems become Strings.
            var wordCount = 0
            var first: String?
            var stems: [String] = []
            Tokenizer.forEachWordUTF8(in: text) { word, _, _ in
                guard let word else { return }
                if wordCount == 0 { first = String(decoding: word, as: UTF8.self) }
                wordCount += 1
                if UTF8Scalars.count(word) > 1, !stopwords.contains(word) { stems.append(Stemmer.stem(utf8: word)) }
            }
            guard !isBoilerplate(text, wordCount: wordCount, first: first) else { continue }
            result.append(
                Sentence(
                    text: String(text), document: index, position: position, documentLength: 0,
                    stems: stems, wordCount: wordCount))
            position += 1
        }
        let count = result.count
        return result.map {
            Sentence(
                text: $0.text, document: $0.document, position: $0.position, documentLength: count,
                stems: $0.stems, wordCount: $0.wordCount)
        }
    }

    /// `sentence` without a leading copy of the title, which some pages glue
    /// to the first paragraph ("Floods Close BridgesHeavy rain flooded…").
    static func withoutTitle(_ sentence: Substring, title: String?) -> Substring {
        // The prefix test first: it fails at the first character for nearly every sentence, where counting
        // characters walks the whole sentence.
        guard let title, sentence.hasPrefix(title), title.count >= 12, sentence.count > title.count + 20 else {
            return sentence
        }
        return sentence.dropFirst(title.count).drop { $0.isWhitespace || $0 == ":" || $0 == "-" }
    }

    /// `sentence` without a leading wire dateline: "ASHVALE, Westmark, Nov 20
    /// (Meridian Wire) - The river…" → "The river…". A dateline opens with a
    /// word in capitals and a comma, and ends at a dash within 80 characters.
    static func withoutDateline(_ sentence: Substring) -> Substring {
        // Nearly every sentence has a lowercase ASCII letter before its first comma (or no comma):
        // such a letter would be in the part that must be capitals, so that is no dateline,
        // found without breaking the sentence into characters.
        for byte in sentence.utf8 {
            if byte == UInt8(ascii: ",") { break }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return sentence }
        }
        guard let comma = sentence.prefix(31).firstIndex(of: ",") else { return sentence }
        var letters = 0
        for scalar in sentence[..<comma].unicodeScalars where scalar.properties.isAlphabetic {
            guard scalar.properties.isUppercase else { return sentence }
            letters += 1
        }
        guard letters >= 2 else { return sentence }
        let window = sentence.prefix(80)
        for dash in [" - ", " – ", " — "] {
            if let range = window.range(of: dash) {
                let rest = sentence[range.upperBound...]
                return rest.count >= 20 ? rest : sentence
            }
        }
        return sentence
    }

    /// Phrases that mark a line as page furniture rather than reporting.
    static let boilerplatePhrases = [
        "click here", "sign up", "subscribe to", "read more", "follow us", "share this", "all rights reserved",
        "copyright ©", "photo:", "photograph:", "image:", "picture:", "getty images", "/ reuters", "via ap",
        "(ap photo", "advertisement", "newsletter", "cookies", "terms of use", "privacy policy", "download our app",
        "related:", "see also:", "watch:", "listen:",
    ]

    /// Whether a sentence is boilerplate: fewer than four words, a known
    /// furniture phrase, or a dateline or byline on its own.
    /// `wordCount` and `first` are the sentence's number of words and its first word, as
    /// ``Tokenizer/words(_:)`` writes them.
    static func isBoilerplate(_ text: Substring, wordCount: Int, first: String?) -> Bool {
        if wordCount < 4 { return true }
        // The phrases are ASCII: folding ASCII capitals is enough to find them.
        if boilerplateNeedles.first(in: text) != nil { return true }
        // "By Ana Ruiz, Staff Reporter" / "Updated 9 Jan 2025, 06:55".
        if wordCount <= 8, let first, ["by", "updated", "published", "posted", "credit"].contains(first) {
            return true
        }
        // A line of capitals and digits only ("LONDON, JAN 9 (REUTERS)").
        if wordCount <= 8 {
            var letters = false
            for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
                if !scalar.properties.isUppercase { return false }
                letters = true
            }
            if letters { return true }
        }
        return false
    }

    static let boilerplateNeedles = ByteNeedles(boilerplatePhrases)
}
