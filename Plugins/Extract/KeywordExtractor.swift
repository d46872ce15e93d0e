import Foundation
import PipelineKit
import TextKit

/// Key phrases of one to three words, scored with YAKE's statistical features
/// (Campos et al., 2020): how often a word occurs and in capitals, how early,
/// in how many sentences, and how varied its neighbours are (a word that
/// goes with everything is a function word). Phrases that stem alike are one
/// phrase ("export control", "export controls"), and a phrase that shares a
/// word stem with a better one is left out, so the list covers more ground.
///
/// Built once per run; `keywords(in:limit:)` is thread-safe.
public struct KeywordExtractor: Sendable {
    /// Longest phrase, in words.
    public var maxWords: Int
    /// How much better a phrase must score, per extra word, to rank above single words. The default,
    /// 5, was the best of 1, 2, 3, 5 and 20 on the kpcrowd dev split, whose readers mostly chose
    /// single words (75% of gold phrases); 1 is YAKE's own ranking.
    public var phrasePenalty: Double

    public init(maxWords: Int = 3, phrasePenalty: Double = 5) {
        self.maxWords = maxWords
        self.phrasePenalty = phrasePenalty
    }

    /// Statistics of one lowercased word over the document.
    struct Term {
        var count = 0
        var capitalized = 0
        var acronym = 0
        var sentences: [Int] = []
        var left: [Int: Int] = [:]
        var right: [Int: Int] = [:]
        var isStopword = false
        var score = 0.0
    }

    /// One sentence as term ids, with -1 marking a break (punctuation, numbers).
    struct Sentence {
        var terms: [Int] = []
        var surfaces: [Substring] = []
    }

    /// The best `limit` phrases of `paragraphs` (title first, if any), best first.
    public func keywords(in paragraphs: [String], limit: Int) -> [Keyword] {
        guard limit > 0 else { return [] }
        var ids: [String: Int] = [:]
        var terms: [Term] = []
        var sentences: [Sentence] = []
        for paragraph in paragraphs {
            for sentenceText in SentenceSplitter.sentences(paragraph) {
                var sentence = Sentence()
                let tokens = Tokenizer.tokens(sentenceText)
                for (i, token) in tokens.enumerated() {
                    guard token.kind == .word, token.text.unicodeScalars.count > 1 || token.text.first?.isLetter == true else {
                        sentence.terms.append(-1)
                        sentence.surfaces.append("")
                        continue
                    }
                    let word = Tokenizer.normalize(token.text)
                    let id: Int
                    if let known = ids[word] {
                        id = known
                    } else {
                        id = terms.count
                        ids[word] = id
                        var term = Term()
                        term.isStopword = Stopwords.english.contains(word) || word.unicodeScalars.count < 2
                            || Self.calendarWords.contains(word)
                        terms.append(term)
                    }
                    terms[id].count += 1
                    if token.isAllCaps { terms[id].acronym += 1 } else if token.isCapitalized && i > 0 { terms[id].capitalized += 1 }
                    if terms[id].sentences.last != sentences.count { terms[id].sentences.append(sentences.count) }
                    sentence.terms.append(id)
                    var surface = Substring(token.text)
                    if surface.hasSuffix("'s") || surface.hasSuffix("’s") { surface = surface.dropLast(2) }
                    sentence.surfaces.append(surface)
                }
                if !sentence.terms.isEmpty { sentences.append(sentence) }
            }
        }
        guard !terms.isEmpty else { return [] }
        scoreTerms(&terms, sentences: sentences)
        return rankPhrases(terms: terms, sentences: sentences, limit: limit)
    }

    func scoreTerms(_ terms: inout [Term], sentences: [Sentence]) {
        // Co-occurrence within a window of one word either side, inside a sentence.
        for sentence in sentences {
            let t = sentence.terms
            for i in t.indices where t[i] >= 0 {
                if i > 0, t[i - 1] >= 0 { terms[t[i]].left[t[i - 1], default: 0] += 1 }
                if i + 1 < t.count, t[i + 1] >= 0 { terms[t[i]].right[t[i + 1], default: 0] += 1 }
            }
        }
        let contentCounts = terms.filter { !$0.isStopword }.map { Double($0.count) }
        let mean = contentCounts.isEmpty ? 1 : contentCounts.reduce(0, +) / Double(contentCounts.count)
        let variance = contentCounts.isEmpty ? 0 : contentCounts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(contentCounts.count)
        let maxCount = Double(terms.map(\.count).max() ?? 1)
        let sentenceCount = Double(max(sentences.count, 1))
        for k in terms.indices {
            let term = terms[k]
            let tf = Double(term.count)
            let tCase = Double(max(term.acronym, term.capitalized)) / (1 + log(tf))
            let median = Double(term.sentences[term.sentences.count / 2])
            let tPos = log(log(3 + median))
            let tfNorm = tf / (mean + variance.squareRoot())
            let leftTotal = term.left.values.reduce(0, +)
            let rightTotal = term.right.values.reduce(0, +)
            let dl = leftTotal == 0 ? 0 : Double(term.left.count) / Double(leftTotal)
            let dr = rightTotal == 0 ? 0 : Double(term.right.count) / Double(rightTotal)
            let tRel = 1 + (dl + dr) * tf / maxCount
            let tSent = Double(term.sentences.count) / sentenceCount
            terms[k].score = tRel * tPos / (tCase + tfNorm / tRel + tSent / tRel)
        }
    }

    func rankPhrases(terms: [Term], sentences: [Sentence], limit: Int) -> [Keyword] {
        struct Candidate {
            var ids: [Int]
            var count = 0
            var surfaces: [String: Int] = [:]
        }
        var candidates: [[Int]: Candidate] = [:]
        for sentence in sentences {
            let t = sentence.terms
            for start in t.indices where t[start] >= 0 && !terms[t[start]].isStopword {
                var end = start
                // Phrases are runs of content words: no stopword inside or at either end.
                while end < t.count, end - start < maxWords, t[end] >= 0, !terms[t[end]].isStopword {
                    let key = Array(t[start...end])
                    let surface = sentence.surfaces[start...end].joined(separator: " ")
                    candidates[key, default: Candidate(ids: key)].count += 1
                    candidates[key]!.surfaces[surface, default: 0] += 1
                    end += 1
                }
            }
        }
        var scored: [(score: Double, term: String, stems: String)] = []
        scored.reserveCapacity(candidates.count)
        for candidate in candidates.values {
            var product = 1.0
            var sum = 0.0
            for id in candidate.ids where !terms[id].isStopword {
                product *= terms[id].score
                sum += terms[id].score
            }
            let words = candidate.ids.count
            var score = product / (Double(candidate.count) * (1 + sum))
            if words > 1 { score *= pow(phrasePenalty, Double(words - 1)) }
            let surface = candidate.surfaces.max { a, b in (a.value, b.key) < (b.value, a.key) }!.key
            let phrase = zip(surface.split(separator: " "), candidate.ids).map { word, id in
                // Keep the case of words the text mostly capitalizes (names, acronyms).
                2 * (terms[id].capitalized + terms[id].acronym) > terms[id].count ? String(word) : word.lowercased()
            }.joined(separator: " ")
            let stems = Tokenizer.words(phrase).map(Stemmer.stem).joined(separator: " ")
            scored.append((score, phrase, stems))
        }
        scored.sort { ($0.score, $0.term) < ($1.score, $1.term) }
        var seen: Set<String> = []
        var seenWords: [String: Int] = [:]
        var result: [Keyword] = []
        for candidate in scored where !seen.contains(candidate.stems) {
            // One phrase per stem: a phrase sharing a word with a better one adds little.
            let parts = candidate.stems.split(separator: " ").map(String.init)
            if parts.contains(where: { seenWords[$0] != nil }) { continue }
            seen.insert(candidate.stems)
            for part in parts { seenWords[part, default: 0] += 1 }
            result.append(Keyword(term: candidate.term, score: Self.rounded(1 / (1 + candidate.score))))
            if result.count == limit { break }
        }
        return result
    }

    /// Days and months: they date a story, they do not say what it is about.
    static let calendarWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m.", "p.m.", "am", "pm",
    ]

    static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
