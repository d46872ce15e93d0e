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
    /// Longest phrase, in words (at most 3).
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
        /// How many sentences use it, the last of them, and the middle one of them.
        var sentenceCount = 0
        var lastSentence = -1
        var medianSentence = 0
        /// Neighbour counts: total, and distinct, on each side.
        var leftTotal = 0
        var leftDistinct = 0
        var rightTotal = 0
        var rightDistinct = 0
        var isStopword = false
        var score = 0.0
    }

    /// One sentence as term ids, with -1 marking a break (punctuation, numbers).
    struct Sentence {
        var terms: [Int] = []
        /// The token index of each term, in its paragraph.
        var tokens: [Int] = []
        var paragraph = 0
    }

    /// The best `limit` phrases of `paragraphs` (title first, if any), best first.
    public func keywords(in paragraphs: [String], limit: Int) -> [Keyword] {
        keywords(in: AnalyzedText(paragraphs), limit: limit)
    }

    /// The best `limit` phrases of an analysed text, best first.
    public func keywords(in text: AnalyzedText, limit: Int) -> [Keyword] {
        guard limit > 0 else { return [] }
        // Distinct words run at about a third of the tokens: sized once instead of regrown.
        let tokenCount = text.tokens.reduce(0) { $0 + $1.count }
        var ids = StringTable(minimumCapacity: tokenCount / 3)
        var terms: [Term] = []
        terms.reserveCapacity(tokenCount / 3)
        var sentences: [Sentence] = []
        // (term, sentence) each time a term turns up in a new sentence, in order: the terms'
        // sentence lists in one array instead of one array per term.
        var uses: [(term: Int32, sentence: Int32)] = []
        uses.reserveCapacity(tokenCount)
        for (paragraphIndex, (paragraphTokens, ranges)) in zip(text.tokens, text.sentences).enumerated() {
            for range in ranges {
                var sentence = Sentence()
                sentence.paragraph = paragraphIndex
                sentence.terms.reserveCapacity(range.count)
                sentence.tokens.reserveCapacity(range.count)
                for i in range {
                    let token = paragraphTokens[i]
                    guard token.kind == .word else {
                        sentence.terms.append(-1)
                        sentence.tokens.append(i)
                        continue
                    }
                    // The normalised word's bytes, numbered without making a String for it.
                    var id = 0
                    Tokenizer.withNormalizedUTF8(token.text) { word in
                        let isNew: Bool
                        (id, isNew) = ids.insert(word)
                        if isNew {
                            var term = Term()
                            term.isStopword =
                                Stopwords.english.contains(word) || UTF8Scalars.count(word) < 2
                                || Self.calendarWords.contains(word)
                            terms.append(term)
                        }
                    }
                    terms[id].count += 1
                    if token.isCapitalized {
                        if token.isAllCaps {
                            terms[id].acronym += 1
                        } else if i > range.lowerBound {
                            terms[id].capitalized += 1
                        }
                    }
                    if terms[id].lastSentence != sentences.count {
                        terms[id].lastSentence = sentences.count
                        terms[id].sentenceCount += 1
                        uses.append((Int32(id), Int32(sentences.count)))
                    }
                    sentence.terms.append(id)
                    sentence.tokens.append(i)
                }
                if !sentence.terms.isEmpty { sentences.append(sentence) }
            }
        }
        guard !terms.isEmpty else { return [] }
        // Each term's middle sentence: its (count / 2)-th use.
        var seen = [Int](repeating: 0, count: terms.count)
        for use in uses {
            let id = Int(use.term)
            if seen[id] == terms[id].sentenceCount / 2 { terms[id].medianSentence = Int(use.sentence) }
            seen[id] += 1
        }
        scoreTerms(&terms, sentences: sentences)
        return rankPhrases(terms: terms, sentences: sentences, limit: limit) { sentence, k in
            var surface = Substring(text.tokens[sentence.paragraph][sentence.tokens[k]].text)
            if surface.hasSuffix("'s") || surface.hasSuffix("’s") { surface = surface.dropLast(2) }
            return surface
        }
    }

    func scoreTerms(_ terms: inout [Term], sentences: [Sentence]) {
        // Co-occurrence within a window of one word either side, inside a sentence:
        // pairs (term, neighbour).
        var leftPairs: [UInt64] = []
        var rightPairs: [UInt64] = []
        for sentence in sentences {
            let t = sentence.terms
            for i in t.indices where t[i] >= 0 {
                if i > 0, t[i - 1] >= 0 { leftPairs.append(UInt64(t[i]) << 32 | UInt64(t[i - 1])) }
                if i + 1 < t.count, t[i + 1] >= 0 { rightPairs.append(UInt64(t[i]) << 32 | UInt64(t[i + 1])) }
            }
        }
        let left = Self.neighbourCounts(leftPairs, termCount: terms.count)
        let right = Self.neighbourCounts(rightPairs, termCount: terms.count)
        for id in terms.indices {
            terms[id].leftTotal = left.total[id]
            terms[id].leftDistinct = left.distinct[id]
            terms[id].rightTotal = right.total[id]
            terms[id].rightDistinct = right.distinct[id]
        }
        let contentCounts = terms.filter { !$0.isStopword }.map { Double($0.count) }
        let mean = contentCounts.isEmpty ? 1 : contentCounts.reduce(0, +) / Double(contentCounts.count)
        let variance =
            contentCounts.isEmpty
            ? 0 : contentCounts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(contentCounts.count)
        let maxCount = Double(terms.map(\.count).max() ?? 1)
        let sentenceCount = Double(max(sentences.count, 1))
        for k in terms.indices {
            let term = terms[k]
            let tf = Double(term.count)
            let tCase = Double(max(term.acronym, term.capitalized)) / (1 + log(tf))
            let median = Double(term.medianSentence)
            let tPos = log(log(3 + median))
            let tfNorm = tf / (mean + variance.squareRoot())
            let dl = term.leftTotal == 0 ? 0 : Double(term.leftDistinct) / Double(term.leftTotal)
            let dr = term.rightTotal == 0 ? 0 : Double(term.rightDistinct) / Double(term.rightTotal)
            let tRel = 1 + (dl + dr) * tf / maxCount
            let tSent = Double(term.sentenceCount) / sentenceCount
            terms[k].score = tRel * tPos / (tCase + tfNorm / tRel + tSent / tRel)
        }
    }

    /// For each term id below `termCount`, how many of `pairs` (term << 32 | neighbour, both
    /// term ids) it has, and how many distinct neighbours. Linear: the pairs are grouped by term
    /// with a counting sort, and each group's distinct neighbours counted by marking them with the
    /// group's term. (Sorting the packed pairs, which made distinct pairs runs, was two thirds of
    /// scoring.)
    static func neighbourCounts(_ pairs: [UInt64], termCount: Int) -> (total: [Int], distinct: [Int]) {
        var total = [Int](repeating: 0, count: termCount)
        for pair in pairs { total[Int(pair >> 32)] += 1 }
        var start = [Int](repeating: 0, count: termCount + 1)
        for id in 0..<termCount { start[id + 1] = start[id] + total[id] }
        var next = start
        var neighbours = [Int32](repeating: 0, count: pairs.count)
        for pair in pairs {
            let id = Int(pair >> 32)
            neighbours[next[id]] = Int32(truncatingIfNeeded: pair)
            next[id] += 1
        }
        var distinct = [Int](repeating: 0, count: termCount)
        var markedBy = [Int](repeating: -1, count: termCount)
        for id in 0..<termCount {
            for k in start[id]..<start[id + 1] {
                let neighbour = Int(neighbours[k])
                if markedBy[neighbour] != id {
                    markedBy[neighbour] = id
                    distinct[id] += 1
                }
            }
        }
        return (total, distinct)
    }

    func rankPhrases(terms: [Term], sentences: [Sentence], limit: Int, surface: (Sentence, Int) -> Substring)
        -> [Keyword]
    {
        struct Candidate {
            var count = 0
            /// Where it first occurs: sentence, first word, words.
            var sentence: Int
            var start: Int
            var length: Int
        }
        // A phrase of up to three term ids packed in 21 bits each (id + 1; 0 = none).
        var candidates: [UInt64: Candidate] = [:]
        candidates.reserveCapacity(terms.count * 2)
        for (sentenceIndex, sentence) in sentences.enumerated() {
            let t = sentence.terms
            for start in t.indices where t[start] >= 0 && !terms[t[start]].isStopword {
                var end = start
                var key: UInt64 = 0
                // Phrases are runs of content words: no stopword inside or at either end.
                while end < t.count, end - start < min(maxWords, 3), t[end] >= 0, !terms[t[end]].isStopword {
                    key = key << 21 | UInt64(t[end] + 1)
                    candidates[key, default: Candidate(sentence: sentenceIndex, start: start, length: end - start + 1)]
                        .count += 1
                    end += 1
                }
            }
        }
        var scored: [(score: Double, key: UInt64, candidate: Candidate)] = []
        scored.reserveCapacity(candidates.count)
        for (key, candidate) in candidates {
            let ids = sentences[candidate.sentence].terms[candidate.start..<(candidate.start + candidate.length)]
            var product = 1.0
            var sum = 0.0
            for id in ids {
                product *= terms[id].score
                sum += terms[id].score
            }
            let words = candidate.length
            var score = product / (Double(candidate.count) * (1 + sum))
            if words > 1 { score *= pow(phrasePenalty, Double(words - 1)) }
            scored.append((score, key, candidate))
        }
        // Best first; ties broken by the term ids' order of first appearance, so the order is stable.
        // Taken from a heap: the walk below stops after `limit` keywords, a few dozen candidates
        // into thousands, so sorting them all was wasted.
        var best = Heap(scored, by: { a, b in a.score != b.score ? a.score < b.score : a.key < b.key })
        var seen: Set<String> = []
        var seenWords: Set<String> = []
        var result: [Keyword] = []
        while let (score, _, candidate) = best.popFirst() {
            let range = candidate.start..<(candidate.start + candidate.length)
            let sentence = sentences[candidate.sentence]
            let phrase = zip(range.map { surface(sentence, $0) }, sentence.terms[range]).map { word, id in
                // Keep the case of words the text mostly capitalizes (names, acronyms).
                2 * (terms[id].capitalized + terms[id].acronym) > terms[id].count ? String(word) : word.lowercased()
            }.joined(separator: " ")
            let parts = Tokenizer.words(phrase).map(Stemmer.stem)
            let stems = parts.joined(separator: " ")
            // One phrase per stem: a phrase sharing a word with a better one adds little.
            guard !seen.contains(stems), !parts.contains(where: seenWords.contains) else { continue }
            seen.insert(stems)
            seenWords.formUnion(parts)
            result.append(Keyword(term: phrase, score: Self.rounded(1 / (1 + score))))
            if result.count == limit { break }
        }
        return result
    }

    /// Days and months: they date a story, they do not say what it is about.
    static let calendarWords: StringTable = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m.", "p.m.", "am", "pm",
    ]

    static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
