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

        let perDocument = Parallel.map(vectors.count) { i in
            var seen = Set<Int>()
            var found: [(Int, Int, Double)] = []
            // A pair is found from its smaller index only.
            for term in strong[i] {
                guard let list = usable[term] else { continue }
                for j in list where j > i && seen.insert(j).inserted {
                    guard allowed(i, j) else { continue }
                    let similarity = vectors[i].dot(vectors[j])
                    if similarity >= floor { found.append((i, j, similarity)) }
                }
            }
            found.sort { $0.1 < $1.1 }
            return found
        }
        edges = perDocument.flatMap { $0 }
    }
}
