import PipeSupport
import TextKit

/// The pairs of documents similar enough to matter, found without comparing
/// every pair.
///
/// Each document is indexed under its `strongTerms` heaviest terms; two
/// documents become candidates when they share a strong term.
/// Terms indexed for more than `maxPosting` documents are too common to
/// single out a story and are skipped. Candidates then get their exact
/// cosine, scaled by `discount` (how far apart in time the two are), and
/// pairs at or above `floor` are kept.
struct SimilarityGraph: Sendable {
    /// Kept pairs `(i, j, similarity)` with `i < j`, sorted by `i`, then `j`.
    var edges: [(Int, Int, Double)]

    /// - Parameters:
    ///   - floor: pairs below this are not kept.
    ///   - threshold: pairs at or above this are all kept; of the weaker ones
    ///     (which only matter inside average linkage's sums) each document
    ///     keeps its `weakLimit` best towards later documents. Without the cap
    ///     the weak pairs grew with the square of a topic's size: 31× the
    ///     pairs for 10× the documents on the 5k → 50k texts.
    init(
        vectors: [TermVector], strongTerms: Int, maxPosting: Int, floor: Double,
        threshold: Double = 0, weakLimit: Int = .max, width: Int = .max,
        discount: @Sendable (Int, Int) -> Double = { _, _ in 1 }
    ) {
        var postings: [Int32: [Int]] = [:]
        let strong = vectors.map { vector in vector.top(strongTerms).map(\.term) }
        for (index, terms) in strong.enumerated() {
            for term in terms { postings[term, default: []].append(index) }
        }
        let usable = postings.filter { $0.value.count > 1 && $0.value.count <= maxPosting }

        // Each chunk of documents shares one dense scratch vector: document i's
        // weights are spread into it once, and each candidate's dot product is
        // then a walk over the candidate's own terms alone, without the merge's
        // unpredictable branches (measured: most of the stage's time at 50k
        // documents went to merges). Terms are visited in ascending order and
        // absent ones add an exact 0, so each similarity is bit-for-bit the
        // value `TermVector.dot` gives.
        let dimension = vectors.reduce(0) { max($0, Int($1.terms.last ?? -1) + 1) }
        let chunks = (vectors.count + Self.chunkSize - 1) / Self.chunkSize
        let perChunk = Parallel.map(chunks, width: width) { chunk in
            var scratch = [Double](repeating: 0, count: dimension)
            var found: [(Int, Int, Double)] = []
            var candidates: [Int32] = []
            var kept: [(Int, Int, Double)] = []
            for i in chunk * Self.chunkSize..<min(vectors.count, (chunk + 1) * Self.chunkSize) {
                // A pair is found from its smaller index only. Candidates are
                // gathered, sorted and walked once each, in ascending order.
                candidates.removeAll(keepingCapacity: true)
                for term in strong[i] {
                    guard let list = usable[term] else { continue }
                    for j in list where j > i { candidates.append(Int32(j)) }
                }
                guard !candidates.isEmpty else { continue }
                candidates.sort()
                let own = vectors[i]
                for (term, weight) in zip(own.terms, own.weights) { scratch[Int(term)] = Double(weight) }
                scratch.withUnsafeBufferPointer { dense in
                    var previous: Int32 = -1
                    for candidate in candidates where candidate != previous {
                        previous = candidate
                        let j = Int(candidate)
                        let factor = discount(i, j)
                        guard factor > 0 else { continue }
                        var similarity = 0.0
                        vectors[j].terms.withUnsafeBufferPointer { terms in
                            vectors[j].weights.withUnsafeBufferPointer { weights in
                                for k in 0..<terms.count {
                                    similarity += dense[Int(terms[k])] * Double(weights[k])
                                }
                            }
                        }
                        similarity *= factor
                        if similarity >= floor { kept.append((i, j, similarity)) }
                    }
                }
                for term in own.terms { scratch[Int(term)] = 0 }
                found.append(contentsOf: Self.capped(kept, threshold: threshold, weakLimit: weakLimit))
                kept.removeAll(keepingCapacity: true)
            }
            return found
        }
        edges = perChunk.flatMap { $0 }
    }

    /// `pairs` (one document's, in ascending `j`) with every pair at or above
    /// `threshold` and the `weakLimit` most similar others, in ascending `j`.
    static func capped(_ pairs: [(Int, Int, Double)], threshold: Double, weakLimit: Int) -> [(Int, Int, Double)] {
        let weak = pairs.filter { $0.2 < threshold }
        guard weak.count > weakLimit else { return pairs }
        let best = weak.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.1 < $1.1 }.prefix(weakLimit)
        let cut = best.last!
        return pairs.filter { $0.2 >= threshold || $0.2 > cut.2 || ($0.2 == cut.2 && $0.1 <= cut.1) }
    }

    /// Documents that share one scratch vector.
    static let chunkSize = 512
}
