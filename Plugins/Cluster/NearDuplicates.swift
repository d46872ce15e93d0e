import Foundation
import PipeSupport
import PipelineKit
import TextKit

/// Syndicated copies: documents whose word shingles overlap almost entirely,
/// found by MinHash signatures and LSH banding, then confirmed by the
/// signatures' estimated Jaccard similarity.
struct NearDuplicates {
    /// For each document that copies another, the index of the original: the
    /// earliest published of its group (then the smallest id, i.e. index).
    let originalOf: [Int: Int]

    static let hasher = MinHasher(permutations: 128, shingleLength: 5)
    /// 32 bands of 4 rows: pairs from about Jaccard 0.4 up become candidates,
    /// well below any sensible `duplicate_threshold`.
    static let lsh = MinHashLSH(bands: 32, rows: 4)

    /// `signatures`: each document's signature by ``hasher`` when the caller made them already
    /// (``FeatureSpace`` does, in its pass over the text); else they are made here.
    init(documents: [Document], signatures: [MinHashSignature]? = nil, threshold: Double, width: Int = .max) {
        let signatures =
            signatures
            ?? Parallel.map(documents.count, width: width) { index in
                Self.hasher.signature(words: documents[index].text.flatMap { Tokenizer.words($0) })
            }
        // Confirmed pairs `(i, j)`, `i < j`.
        let pairs = Self.lsh.candidatePairs(signatures).filter { i, j in
            signatures[i].similarity(signatures[j]) >= threshold
        }

        var parent = Array(documents.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (i, j) in pairs {
            let a = root(i), b = root(j)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [Int]] = [:]
        for index in documents.indices where !pairs.isEmpty {
            groups[root(index), default: []].append(index)
        }
        var originalOf: [Int: Int] = [:]
        for members in groups.values where members.count > 1 {
            let original = members.min { a, b in
                let da = documents[a].published ?? .distantFuture, db = documents[b].published ?? .distantFuture
                return da != db ? da < db : a < b
            }!
            for member in members where member != original { originalOf[member] = original }
        }
        self.originalOf = originalOf
    }
}
