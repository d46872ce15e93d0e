import Foundation
import Testing

@testable import Summarize

@Suite("TextRank centrality")
struct CentralityTests {
    static func sentences(_ stems: [[String]]) -> [Sentence] {
        stems.enumerated().map { index, stems in
            Sentence(
                text: stems.joined(separator: " "), document: 0, position: index, documentLength: stems.count,
                stems: stems, wordCount: stems.count)
        }
    }

    @Test("two sentences sharing their stems rank alike; one sharing nothing keeps only the teleport share")
    func handWorked() {
        let rank = ExtractiveSummarizer.centrality(
            .init(Self.sentences([["flood", "bridg"], ["flood", "bridg"], ["elect"]])))
        // r0 = r1 = 0.15/3 + 0.85 * r1 → 1/3; the lone sentence: 0.15/3.
        #expect(abs(rank[0] - 1.0 / 3) < 1e-9)
        #expect(abs(rank[1] - 1.0 / 3) < 1e-9)
        #expect(abs(rank[2] - 0.05) < 1e-9)
    }

    /// The graph written out as n × n matrices, the plain way: what the neighbour lists must equal.
    static func denseCentrality(_ stems: ExtractiveSummarizer.StemIDs) -> [Double] {
        let n = stems.sentences.count
        var weights = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let logs = stems.sentences.map { log(Double(max(2, $0.count))) }
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                var shared = 0
                for stem in Set(stems.sentences[i]) {
                    shared += min(
                        stems.sentences[i].filter { $0 == stem }.count, stems.sentences[j].filter { $0 == stem }.count)
                }
                if shared > 0 {
                    weights[i][j] = Double(shared) / (logs[i] + logs[j])
                    weights[j][i] = weights[i][j]
                }
            }
        }
        let outSum = weights.map { row in row.reduce(0, +) }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<ExtractiveSummarizer.iterations {
            var next = rank
            var delta = 0.0
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n where weights[i][j] > 0 { sum += weights[i][j] / outSum[j] * rank[j] }
                next[i] = (1 - ExtractiveSummarizer.damping) / Double(n) + ExtractiveSummarizer.damping * sum
                delta += abs(next[i] - rank[i])
            }
            rank = next
            if delta < 1e-6 { break }
        }
        return rank
    }

    @Test("the neighbour lists give the ranks the full matrices give")
    func matchesDenseGraph() {
        // Sentences over a small vocabulary with repeats, so most pairs share something and some share twice.
        var generator = SeededGenerator(state: 20_261_123)
        let vocabulary = ["storm", "bridg", "mayor", "river", "close", "vote", "council", "rain", "road", "school"]
        for _ in 0..<20 {
            let count = Int.random(in: 2...40, using: &generator)
            let stems = (0..<count).map { _ in
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            }
            let ids = ExtractiveSummarizer.StemIDs(Self.sentences(stems))
            let sparse = ExtractiveSummarizer.centrality(ids)
            let dense = Self.denseCentrality(ids)
            #expect(sparse.count == dense.count)
            for (a, b) in zip(sparse, dense) { #expect(abs(a - b) < 1e-12, "\(stems)") }
        }
    }
}

/// A fixed sequence of pseudo-random numbers (SplitMix64), so the test sees the same cases every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("story summaries")
struct StorySummarizerTests {
    @Test("sentences opening with a word pointing back: ASCII read from bytes agrees with Foundation's reading")
    func leansOnPrevious() {
        /// The Foundation reading, as it stood before the byte path.
        func reference(_ sentence: String) -> Bool {
            guard let first = sentence.split(separator: " ", maxSplits: 1).first else { return false }
            let word = first.lowercased().trimmingCharacters(in: .punctuationCharacters)
            return StorySummarizer.danglingOpeners.contains(word)
        }
        let sentences = [
            "It rained.", "  They left early.", "\"However,\" she said.", "(But) not now.", "Its banks burst.",
            "Itself a town.", "$It costs.", "It$ costs.", "«But» no.", "“It was late.”", "It\u{301} rained.",
            "It \u{301}rained.", "MEANWHILE the river rose.", "Meanwhile—", "", "   ", "The river rose.", "So.",
            "_Yet_ again", "~Still~ there", "#this one", "@they said", "[Those] were", "{these}", "'tis",
        ]
        for sentence in sentences {
            #expect(StorySummarizer.leansOnPrevious(sentence) == reference(sentence), "\(sentence)")
        }
        // Every ASCII character around an opener, trimmed or not as Foundation trims it.
        for byte in UInt8(0x21)...0x7E where !(byte >= 0x41 && byte <= 0x5A) && !(byte >= 0x61 && byte <= 0x7A) {
            let character = String(UnicodeScalar(byte))
            for sentence in [
                character + "But no.", "But" + character + " no.", character + "This" + character + " too.",
            ] {
                #expect(StorySummarizer.leansOnPrevious(sentence) == reference(sentence), "\(sentence)")
            }
        }
    }
}
