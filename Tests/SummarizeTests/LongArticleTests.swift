import Foundation
import Testing

@testable import Summarize

/// A page at the input size limit holds a couple of hundred thousand sentences, often one repeated:
/// the centrality graph must stay bounded whatever the text.
@Suite("summarize: very long articles")
struct LongArticleTests {
    static func repeated(_ count: Int) -> [Sentence] {
        let stems = ["council", "vote", "close", "bridg", "storm"]
        return (0..<count).map { index in
            Sentence(
                text: "The council voted to close the bridge after the storm.", document: 0, position: index,
                documentLength: count, stems: stems, wordCount: 10)
        }
    }

    @Test("past the graph's cap, only the first sentences are ranked and the rest score 0")
    func graphIsCapped() {
        let cap = ExtractiveSummarizer.maxGraphSentences
        let rank = ExtractiveSummarizer.centrality(.init(Self.repeated(cap + 500)))
        #expect(rank.count == cap + 500)
        // Every pair of the first `cap` sentences shares all its stems: each holds 1/cap of the walk.
        #expect(rank[..<cap].allSatisfy { abs($0 - 1 / Double(cap)) < 1e-9 })
        #expect(rank[cap...].allSatisfy { $0 == 0 })
    }

    @Test("up to the cap, the ranks are those of the whole graph")
    func belowCapUnchanged() {
        let rank = ExtractiveSummarizer.centrality(.init(Self.repeated(300)))
        #expect(rank.allSatisfy { abs($0 - 1.0 / 300) < 1e-9 })
    }

    @Test("a page of one sentence repeated 50,000 times gets a one-sentence summary")
    func repeatedPageSummary() {
        let summarizer = ExtractiveSummarizer(redundancy: 0.5, positionWeight: 1, lengthWeight: 0.5)
        let chosen = summarizer.select(Self.repeated(50_000), budget: .sentences(3))
        // Every other sentence repeats the first one chosen.
        #expect(chosen == [0])
    }
}
