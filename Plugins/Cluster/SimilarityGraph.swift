import TextKit

/// The pairs of documents similar enough to matter, found without comparing
/// every pair.
///
/// Each document is indexed under its `strongTerms` heaviest terms; two
/// documents become candidates when they share a strong term.
/// Terms indexed for more than `maxPosting` documents are too common to
/// single out a story and are skipped. Candidates then get their exact
/// cosine, and pairs at or above `floor` are kept.
struct SimilarityGraph: Sendable {
    /// Kept pairs `(i, j, similarity)` with `i < j`, sorted by `i`, then `j`.
    var edges: [(Int, Int, Double)]

    init(vectors: [TermVector], strongTerms: Int, maxPosting: Int, floor: Double,
         allowed: @Sendable (Int, Int) -> Bool) {
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
        let perChunk = Parallel.map(chunks) { chunk in
            var scratch = [Double](repeating: 0, count: dimension)
            var found: [(Int, Int, Double)] = []
            var candidates: [Int32] = []
            for i in chunk * Self.chunkSize ..< min(vectors.count, (chunk + 1) * Self.chunkSize) {
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
                        guard allowed(i, j) else { continue }
                        var similarity = 0.0
                        vectors[j].terms.withUnsafeBufferPointer { terms in
                            vectors[j].weights.withUnsafeBufferPointer { weights in
                                for k in 0..<terms.count {
                                    similarity += dense[Int(terms[k])] * Double(weights[k])
                                }
                            }
                        }
                        if similarity >= floor { found.append((i, j, similarity)) }
                    }
                }
                for term in own.terms { scratch[Int(term)] = 0 }
            }
            return found
        }
        edges = perChunk.flatMap { $0 }
    }

    /// Documents that share one scratch vector.
    static let chunkSize = 512
}
