import Foundation
import PipeSupport

/// MinHash signatures over word shingles: a fixed-size sketch of a text
/// whose agreement with another sketch estimates the Jaccard similarity of
/// their shingle sets. Used to recognise near-duplicates (syndicated copies)
/// without comparing texts pairwise.
///
/// ```swift
/// let hasher = MinHasher(permutations: 128, shingleLength: 5)
/// let a = hasher.signature(words: Tokenizer.words(first))
/// let b = hasher.signature(words: Tokenizer.words(second))
/// a.similarity(b)   // ≈ Jaccard of their 5-word shingles
/// ```
public struct MinHasher: Sendable {
    /// How many hash functions, i.e. the signature length.
    public let permutations: Int
    /// Words per shingle.
    public let shingleLength: Int
    private let multipliers: [UInt64]
    private let addends: [UInt64]

    /// The same arguments always give the same hash functions, so signatures
    /// are comparable across runs.
    public init(permutations: Int = 128, shingleLength: Int = 5, seed: UInt64 = 0x6d69_6e68_6173_6821) {
        precondition(permutations > 0 && shingleLength > 0, "permutations and shingle length must be positive")
        self.permutations = permutations
        self.shingleLength = shingleLength
        var state = seed
        var multipliers: [UInt64] = []
        var addends: [UInt64] = []
        for _ in 0..<permutations {
            multipliers.append(StableHash.splitMix(&state) | 1)
            addends.append(StableHash.splitMix(&state))
        }
        self.multipliers = multipliers
        self.addends = addends
    }

    /// The hashes of the `shingleLength`-word windows of `words`; a text
    /// shorter than one window is one shingle. Empty input gives none.
    public func shingleHashes(words: [String]) -> [UInt64] {
        shingleHashes(wordHashes: words.map { StableHash.fnv1a($0) })
    }

    /// ``shingleHashes(words:)`` from the words' `StableHash.fnv1a` hashes, for a caller
    /// that has them already.
    public func shingleHashes(wordHashes: [UInt64]) -> [UInt64] {
        guard !wordHashes.isEmpty else { return [] }
        let window = min(shingleLength, wordHashes.count)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(wordHashes.count - window + 1)
        for start in 0...(wordHashes.count - window) {
            var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
            for offset in 0..<window {
                hash = StableHash.mix(hash ^ wordHashes[start + offset]) &+ UInt64(offset)
            }
            hashes.append(StableHash.mix(hash))
        }
        return hashes
    }

    /// The signature of a text given as words (case as given).
    public func signature(words: [String]) -> MinHashSignature {
        signature(shingleHashes: shingleHashes(words: words))
    }

    /// The signature of a set of shingle hashes (repeats do not matter).
    public func signature(shingleHashes: [UInt64]) -> MinHashSignature {
        var values = [UInt64](repeating: .max, count: permutations)
        multipliers.withUnsafeBufferPointer { a in
            addends.withUnsafeBufferPointer { b in
                values.withUnsafeMutableBufferPointer { minimum in
                    for shingle in shingleHashes {
                        for i in 0..<minimum.count {
                            let value = a[i] &* shingle &+ b[i]
                            if value < minimum[i] { minimum[i] = value }
                        }
                    }
                }
            }
        }
        return MinHashSignature(values: values, isEmpty: shingleHashes.isEmpty)
    }
}

/// A MinHash sketch of one text.
public struct MinHashSignature: Sendable, Hashable {
    /// One minimum per hash function.
    public let values: [UInt64]
    /// True when the text had no shingles; an empty signature resembles nothing.
    public let isEmpty: Bool

    public init(values: [UInt64], isEmpty: Bool = false) {
        self.values = values
        self.isEmpty = isEmpty
    }

    /// The estimated Jaccard similarity: the share of positions that agree.
    /// 0 against an empty signature or one of another length.
    public func similarity(_ other: MinHashSignature) -> Double {
        guard !isEmpty, !other.isEmpty, values.count == other.values.count, !values.isEmpty else { return 0 }
        var equal = 0
        for i in values.indices where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(values.count)
    }
}

/// Locality-sensitive hashing of MinHash signatures by banding: signatures
/// that agree on every row of at least one band become candidate pairs.
///
/// With `b` bands of `r` rows, a pair of Jaccard similarity `s` becomes a
/// candidate with probability `1 - (1 - s^r)^b`; the steep part of that
/// curve sits near `(1/b)^(1/r)`.
public struct MinHashLSH: Sendable {
    public let bands: Int
    public let rows: Int

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0, "bands and rows must be positive")
        self.bands = bands
        self.rows = rows
    }

    /// The similarity around which a pair turns from unlikely to likely candidate.
    public var threshold: Double {
        pow(1 / Double(bands), 1 / Double(rows))
    }

    /// Candidate pairs `(i, j)`, `i < j`, among `signatures` (indices into
    /// the array), sorted. Within a bucket each member is paired with the
    /// bucket's first member only, so a group of `k` copies costs `k - 1`
    /// pairs rather than `k²/2`; the groups stay connected.
    public func candidatePairs(_ signatures: [MinHashSignature]) -> [(Int, Int)] {
        var pairs = Set<Pair>()
        var firstInBucket: [UInt64: Int] = [:]
        for band in 0..<bands {
            firstInBucket.removeAll(keepingCapacity: true)
            let range = (band * rows)..<min((band + 1) * rows, signatures.first?.values.count ?? 0)
            guard !range.isEmpty else { break }
            for (index, signature) in signatures.enumerated() where !signature.isEmpty {
                var key = StableHash.mix(UInt64(band) &+ 0x51ed_2701)
                for row in range { key = StableHash.mix(key ^ signature.values[row]) }
                if let first = firstInBucket[key] {
                    pairs.insert(Pair(first: first, second: index))
                } else {
                    firstInBucket[key] = index
                }
            }
        }
        return pairs.map { ($0.first, $0.second) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }

    private struct Pair: Hashable {
        let first: Int
        let second: Int
    }
}
