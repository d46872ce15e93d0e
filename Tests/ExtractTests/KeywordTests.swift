import PipelineKit
import Testing
import TextKit

@testable import Extract

@Suite("extract: keywords")
struct KeywordTests {
    let text = [
        "Export controls on advanced chips have reshaped the AI industry in China.",
        "The export control regime, tightened twice, limits which chips Nvidia can sell. Chinese firms stockpiled chips before each round of export controls.",
        "Analysts expect further export controls, and Chinese firms are designing their own chips.",
    ]

    @Test("neighbour counts by grouping agree with counting runs of sorted pairs")
    func neighbourCounts() {
        var generator = SystemRandomNumberGenerator()
        for termCount in [1, 2, 7, 50] {
            let pairs = (0..<(termCount * 6)).map { _ in
                UInt64.random(in: 0..<UInt64(termCount), using: &generator) << 32
                    | UInt64.random(in: 0..<UInt64(termCount), using: &generator)
            }
            var total = [Int](repeating: 0, count: termCount), distinct = total
            let sorted = pairs.sorted()
            for (k, pair) in sorted.enumerated() {
                total[Int(pair >> 32)] += 1
                if k == 0 || sorted[k - 1] != pair { distinct[Int(pair >> 32)] += 1 }
            }
            let counts = KeywordExtractor.neighbourCounts(pairs, termCount: termCount)
            #expect(counts.total == total && counts.distinct == distinct)
        }
        #expect(KeywordExtractor.neighbourCounts([], termCount: 3) == ([0, 0, 0], [0, 0, 0]))
        #expect(
            KeywordExtractor.neighbourCounts([1 << 32 | 0, 1 << 32 | 0, 1 << 32 | 2, 0 << 32 | 1], termCount: 3) == (
                [1, 3, 0], [1, 2, 0]
            ))
    }

    @Test("the topic's words and phrases rank first")
    func topic() {
        let terms = KeywordExtractor().keywords(in: text, limit: 10).map(\.term)
        #expect(terms.contains("chips"))
        #expect(terms.contains { $0.hasPrefix("export") })
        #expect(!terms.contains { Stopwords.english.contains($0) })
    }

    @Test("phrases that stem alike appear once, and a phrase sharing a word with a better one is left out")
    func dedup() {
        let terms = KeywordExtractor().keywords(in: text, limit: 20).map(\.term)
        let stems = terms.map { Tokenizer.words($0).map(Stemmer.stem).joined(separator: " ") }
        #expect(Set(stems).count == stems.count)
        #expect(!(terms.contains("export control") && terms.contains("export controls")))
        let words = terms.flatMap { Tokenizer.words($0).map(Stemmer.stem) }
        #expect(Set(words).count == words.count)
    }

    @Test(
        "scores fall from best to worst, phrases stay within the word limit, no phrase starts or ends with a stopword")
    func shape() {
        let keywords = KeywordExtractor(maxWords: 2).keywords(in: text, limit: 15)
        #expect(zip(keywords, keywords.dropFirst()).allSatisfy { $0.score >= $1.score })
        for keyword in keywords {
            let words = keyword.term.split(separator: " ").map { $0.lowercased() }
            #expect(words.count <= 2)
            #expect(
                !Stopwords.english.contains(words.first!) && !Stopwords.english.contains(words.last!), "\(keyword.term)"
            )
        }
    }

    @Test("names keep their capitals, common words are lowercased")
    func display() {
        let terms = KeywordExtractor().keywords(in: text, limit: 30).map(\.term)
        #expect(terms.contains("Nvidia"))
        #expect(!terms.contains("Export controls"))
    }

    @Test("an empty text or a zero limit gives no keywords")
    func empty() {
        #expect(KeywordExtractor().keywords(in: [], limit: 10).isEmpty)
        #expect(KeywordExtractor().keywords(in: text, limit: 0).isEmpty)
    }
}
