import Foundation
import TextKit

/// How long a summary may be.
enum Budget: Sendable, Equatable {
    case sentences(Int)
    /// At most this many words (at least one sentence).
    case words(Int)
}

/// Extractive summarisation: TextRank-style centrality over a sentence
/// similarity graph, multiplied by position and length priors, then
/// sentences picked greedily with maximal marginal relevance so a second
/// sentence saying the same thing loses to one that adds something.
struct ExtractiveSummarizer: Sendable {
    /// 0: ignore redundancy; 1: a sentence overlapping a chosen one entirely
    /// is worthless. Above 0, a near-repeat (cosine ≥ 0.8) is never chosen.
    var redundancy: Double
    /// How much an early sentence is favoured (0: not at all).
    var positionWeight: Double
    /// How much long sentences are favoured (0: not at all).
    var lengthWeight: Double
    /// Cosine with a chosen sentence from which a candidate is a mere repeat.
    static let repeatOverlap = 0.8
    static let damping = 0.85
    static let iterations = 40

    /// The chosen sentences' indices into `sentences`, by descending score
    /// of choice. `bonus` adds to a sentence's score (story coverage);
    /// `novelty` lets the caller reward a sentence given those chosen so far.
    func select(
        _ sentences: [Sentence], budget: Budget, bonus: [Double]? = nil,
        novelty: ((Int, [Int]) -> Double)? = nil
    ) -> [Int] {
        guard !sentences.isEmpty else { return [] }
        let stems = StemIDs(sentences)
        let vectors = Self.vectors(stems)
        let centrality = Self.centrality(stems)
        let maxCentrality = centrality.max() ?? 1
        var scores = [Double](repeating: 0, count: sentences.count)
        for (index, sentence) in sentences.enumerated() {
            let central = maxCentrality > 0 ? centrality[index] / maxCentrality : 0
            let relative = Double(sentence.position) / Double(max(1, sentence.documentLength))
            let position = 1 + positionWeight * (1 - relative) * (1 - relative)
            let length = pow(Double(min(sentence.wordCount, 40)) / 20, lengthWeight)
            scores[index] = central * position * length + (bonus?[index] ?? 0)
        }

        var chosen: [Int] = []
        var words = 0
        var available = [Bool](repeating: true, count: sentences.count)
        var left = sentences.count
        // Each sentence's largest cosine with a chosen one, brought up to date as sentences are chosen.
        var overlaps = [Double](repeating: 0, count: sentences.count)
        while left > 0 {
            if case let .sentences(limit) = budget, chosen.count >= limit { break }
            if let last = chosen.last {
                for index in sentences.indices where available[index] {
                    overlaps[index] = max(overlaps[index], vectors[index].cosine(vectors[last]))
                }
            }
            var best: (index: Int, value: Double)?
            for index in sentences.indices where available[index] {
                let overlap = overlaps[index]
                // A near-repeat of a chosen sentence adds nothing at all.
                if redundancy > 0, overlap >= Self.repeatOverlap { continue }
                var value = scores[index] * (1 - redundancy * overlap)
                if let novelty { value += novelty(index, chosen) }
                if best == nil || value > best!.value { best = (index, value) }
            }
            guard let pick = best else { break }
            available[pick.index] = false
            left -= 1
            if case let .words(limit) = budget, !chosen.isEmpty, words + sentences[pick.index].wordCount > limit {
                continue
            }
            chosen.append(pick.index)
            words += sentences[pick.index].wordCount
        }
        return chosen
    }

    /// The sentences' stems as numbers, the same number for the same stem, handed out in
    /// order of first use: counted once for both the vectors and the graph.
    struct StemIDs {
        let sentences: [[Int32]]
        let count: Int

        init(_ sentences: [Sentence]) {
            var vocabulary = Vocabulary()
            self.sentences = sentences.map { $0.stems.map { vocabulary.id(for: $0) } }
            count = vocabulary.count
        }
    }

    /// Term-frequency vectors of the sentences' stems, over a shared vocabulary.
    static func vectors(_ sentences: [Sentence]) -> [TermVector] {
        vectors(StemIDs(sentences))
    }

    static func vectors(_ stems: StemIDs) -> [TermVector] {
        stems.sentences.map { TermVector(occurrences: $0) }
    }

    /// TextRank scores: PageRank over a graph whose edge weights are the
    /// stems two sentences share, over the sum of the logs of their lengths.
    ///
    /// The graph is kept as each sentence's list of neighbours, found through the lists of
    /// sentences using each stem: a story pools a thousand sentences and more, and a dense
    /// n × n matrix of counts and weights was most of summarising it. Neighbours are visited
    /// in ascending order, the order a dense walk adds their weights in, so the sums are the same.
    ///
    /// Only the first ``maxGraphSentences`` sentences make the graph; later ones score 0. The
    /// graph can have an edge for every pair, so its memory grows with the square of its
    /// sentences: a 20 MB page of one repeated sentence would need hundreds of gigabytes, while
    /// this cap holds it to about 64 MB whatever the text, and no real article comes near it.
    static func centrality(_ stems: StemIDs) -> [Double] {
        let total = stems.sentences.count
        let n = min(total, maxGraphSentences)
        guard n > 1 else { return [Double](repeating: 1, count: n) + [Double](repeating: 0, count: total - n) }
        let counted = stems.sentences[..<n].map { TermVector(occurrences: $0) }
        var postings = [[(sentence: Int32, count: Int32)]](repeating: [], count: stems.count)
        for (index, vector) in counted.enumerated() {
            for (id, count) in zip(vector.terms, vector.weights) {
                postings[Int(id)].append((Int32(index), Int32(count)))
            }
        }
        let logs = stems.sentences[..<n].map { log(Double(max(2, $0.count))) }
        // Each sentence's neighbours, ascending, with the edge's weight: the stems the two share (each
        // counted min(a, b) times) over the sum of their lengths' logs.
        var edges: [[(sentence: Int, weight: Double)]] = Array(repeating: [], count: n)
        var shared = [Int32](repeating: 0, count: n)
        var touched: [Int] = []
        for i in 0..<n {
            for (id, count) in zip(counted[i].terms, counted[i].weights) {
                let mine = Int32(count)
                for (other, theirs) in postings[Int(id)] where Int(other) != i {
                    let j = Int(other)
                    if shared[j] == 0 { touched.append(j) }
                    shared[j] += min(mine, theirs)
                }
            }
            touched.sort()
            edges[i].reserveCapacity(touched.count)
            for j in touched {
                edges[i].append((j, Double(shared[j]) / (logs[min(i, j)] + logs[max(i, j)])))
                shared[j] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        let outSum = edges.map { $0.reduce(0.0) { $0 + $1.weight } }
        // Each sentence's neighbours j (ascending) with weight(j, i) / outSum[j]: the walk reads rows, not
        // columns. Divided in place, so the graph is held once.
        var neighbours = edges
        edges = []
        for i in neighbours.indices {
            for k in neighbours[i].indices { neighbours[i][k].weight /= outSum[neighbours[i][k].sentence] }
        }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        var next = rank
        for _ in 0..<iterations {
            var delta = 0.0
            for i in 0..<n {
                var sum = 0.0
                for (j, share) in neighbours[i] { sum += share * rank[j] }
                next[i] = (1 - damping) / Double(n) + damping * sum
                delta += abs(next[i] - rank[i])
            }
            swap(&rank, &next)
            if delta < 1e-6 { break }
        }
        return rank + [Double](repeating: 0, count: total - n)
    }

    /// The most sentences ``centrality(_:)`` builds its graph from (the first ones).
    static let maxGraphSentences = 2_000
}
