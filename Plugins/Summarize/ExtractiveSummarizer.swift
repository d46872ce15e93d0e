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
    func select(_ sentences: [Sentence], budget: Budget, bonus: [Double]? = nil,
                novelty: ((Int, [Int]) -> Double)? = nil) -> [Int] {
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
    static func centrality(_ stems: StemIDs) -> [Double] {
        let n = stems.sentences.count
        guard n > 1 else { return [Double](repeating: 1, count: n) }
        // Stems shared by each pair (each stem counted min(a, b) times), from each stem's list of
        // the sentences using it: only pairs that share something are ever visited.
        var postings = [[(sentence: Int32, count: Int32)]](repeating: [], count: stems.count)
        for (index, ids) in stems.sentences.enumerated() {
            let counted = TermVector(occurrences: ids)
            for (id, count) in zip(counted.terms, counted.weights) { postings[Int(id)].append((Int32(index), Int32(count))) }
        }
        var sharedCounts = [Int32](repeating: 0, count: n * n)
        for list in postings where list.count > 1 {
            for a in 0..<(list.count - 1) {
                let row = Int(list[a].sentence) * n, countA = list[a].count
                for b in (a + 1)..<list.count { sharedCounts[row + Int(list[b].sentence)] += min(countA, list[b].count) }
            }
        }
        let logs = stems.sentences.map { log(Double(max(2, $0.count))) }
        var weights = [Double](repeating: 0, count: n * n)
        var outSum = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let shared = sharedCounts[i * n + j]
                guard shared > 0 else { continue }
                let weight = Double(shared) / (logs[i] + logs[j])
                weights[i * n + j] = weight
                weights[j * n + i] = weight
                outSum[i] += weight
                outSum[j] += weight
            }
        }
        // Each sentence's neighbours j (ascending) with weight(j, i) / outSum[j]: the walk reads rows, not columns.
        var neighbours: [[(Int, Double)]] = Array(repeating: [], count: n)
        for i in 0..<n {
            for j in 0..<n where outSum[j] > 0 {
                let weight = weights[i * n + j]  // symmetric: weights[j * n + i]
                if weight > 0 { neighbours[i].append((j, weight / outSum[j])) }
            }
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
        return rank
    }
}
