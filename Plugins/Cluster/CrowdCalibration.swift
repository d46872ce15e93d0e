/// Similarity judged against how crowded each document's neighbourhood is.
///
/// A fixed cosine threshold does not mean the same on every corpus: where many
/// articles share one topic's vocabulary (two earthquakes on one island, two
/// contracts of one player), every pair in the topic scores high, and the two
/// events merge; where coverage is sparse, the same threshold splits stories.
/// So a document whose `rank`-th most similar neighbour is at `level` or above
/// is in a crowd, and its similarities are scaled by `sqrt(level / that
/// neighbour's similarity)`: within a crowd, only what stands out from the
/// crowd links. A pair's factor is the product of both documents' factors, so
/// it stays symmetric. Documents with fewer than `rank` neighbours at `level`
/// (nearly every article of a daily inbox, and every article unrelated to
/// the rest) keep their similarities as they are, so adding unrelated
/// articles to a batch changes nothing for the others.
struct CrowdCalibration: Sendable {
    /// Which neighbour (1 = the most similar) measures the crowd.
    var rank: Int
    /// The similarity at which a neighbourhood counts as crowded.
    var level: Double

    /// Each document's factor, from the pairs of `edges` (`i < j`, each pair once) among `count` documents.
    func factors(edges: [(Int, Int, Double)], count: Int) -> [Double] {
        var close = [[Double]](repeating: [], count: count)
        for (i, j, similarity) in edges where similarity >= level {
            close[i].append(similarity)
            close[j].append(similarity)
        }
        return close.map { similarities in
            guard similarities.count >= rank else { return 1 }
            let neighbour = similarities.sorted(by: >)[rank - 1]
            return (level / neighbour).squareRoot()
        }
    }

    /// `edges` with each similarity scaled by both documents' factors.
    func calibrated(_ edges: [(Int, Int, Double)], count: Int) -> [(Int, Int, Double)] {
        let factor = factors(edges: edges, count: count)
        return edges.map { i, j, similarity in (i, j, similarity * factor[i] * factor[j]) }
    }
}
