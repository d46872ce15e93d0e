import Foundation

/// A sparse vector over term ids: the representation of a document or a
/// sentence for similarity.
///
/// Entries are kept sorted by term id, so two vectors meet in one linear
/// merge, and the same terms always give the same bytes.
///
/// ```swift
/// var vocabulary = Vocabulary()
/// let a = TermVector(counts: vocabulary.counts(of: ["export", "control", "chip"])).normalized()
/// let b = TermVector(counts: vocabulary.counts(of: ["chip", "export"])).normalized()
/// a.cosine(b)   // 0.816…
/// ```
public struct TermVector: Sendable, Hashable {
    /// Term ids, ascending, without repeats.
    public private(set) var terms: [Int32]
    /// The weight of each entry of ``terms``.
    public private(set) var weights: [Float]

    /// The empty vector.
    public init() {
        terms = []
        weights = []
    }

    /// A vector from term ids and weights; ids may come in any order and
    /// repeat (repeats add up). Zero weights are left out.
    public init(counts: [Int32: Double]) {
        self.init(entries: counts.map { (term: $0.key, weight: $0.value) })
    }

    /// A vector from entries with distinct ids in any order. Zero weights are left out.
    public init(entries: [(term: Int32, weight: Double)]) {
        let sorted = entries.filter { $0.weight != 0 }.sorted { $0.term < $1.term }
        terms = sorted.map(\.term)
        weights = sorted.map { Float($0.weight) }
    }

    /// A vector counting `ids`, in any order and with repeats: each distinct id weighs
    /// the number of times it occurs (what ``init(counts:)`` gives for those counts).
    public init(occurrences ids: [Int32]) {
        var terms: [Int32] = []
        var weights: [Float] = []
        for id in ids.sorted() {
            if terms.last == id {
                weights[weights.count - 1] += 1
            } else {
                terms.append(id)
                weights.append(1)
            }
        }
        self.terms = terms
        self.weights = weights
    }

    /// A vector from entries already sorted by ascending, distinct id.
    public init(sortedTerms: [Int32], weights: [Float]) {
        precondition(sortedTerms.count == weights.count, "one weight per term")
        self.terms = sortedTerms
        self.weights = weights
    }

    /// How many terms have a weight.
    public var count: Int { terms.count }
    public var isEmpty: Bool { terms.isEmpty }

    /// The Euclidean length.
    public var norm: Double {
        var sum = 0.0
        for weight in weights { sum += Double(weight) * Double(weight) }
        return sum.squareRoot()
    }

    /// This vector scaled to length 1 (the empty vector stays empty).
    public func normalized() -> TermVector {
        let length = norm
        guard length > 0 else { return self }
        return scaled(by: 1 / length)
    }

    /// Every weight multiplied by `factor`.
    public func scaled(by factor: Double) -> TermVector {
        TermVector(sortedTerms: terms, weights: weights.map { Float(Double($0) * factor) })
    }

    /// The weight of `term`, 0 when absent.
    public subscript(term: Int32) -> Float {
        var low = 0, high = terms.count
        while low < high {
            let mid = (low + high) / 2
            if terms[mid] < term { low = mid + 1 } else { high = mid }
        }
        return low < terms.count && terms[low] == term ? weights[low] : 0
    }

    /// The dot product with `other`.
    public func dot(_ other: TermVector) -> Double {
        var i = 0, j = 0, sum = 0.0
        let a = terms, b = other.terms
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                sum += Double(weights[i]) * Double(other.weights[j])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The cosine of the angle with `other`; 0 when either is empty.
    public func cosine(_ other: TermVector) -> Double {
        let lengths = norm * other.norm
        return lengths > 0 ? dot(other) / lengths : 0
    }

    /// The sum of this vector and `other` times `factor`.
    public func adding(_ other: TermVector, times factor: Double = 1) -> TermVector {
        var terms: [Int32] = []
        var weights: [Float] = []
        terms.reserveCapacity(self.terms.count + other.terms.count)
        weights.reserveCapacity(self.terms.count + other.terms.count)
        var i = 0, j = 0
        while i < self.terms.count || j < other.terms.count {
            if j == other.terms.count || (i < self.terms.count && self.terms[i] < other.terms[j]) {
                terms.append(self.terms[i])
                weights.append(self.weights[i])
                i += 1
            } else if i == self.terms.count || other.terms[j] < self.terms[i] {
                terms.append(other.terms[j])
                weights.append(Float(Double(other.weights[j]) * factor))
                j += 1
            } else {
                terms.append(self.terms[i])
                weights.append(Float(Double(self.weights[i]) + Double(other.weights[j]) * factor))
                i += 1
                j += 1
            }
        }
        return TermVector(sortedTerms: terms, weights: weights)
    }

    /// The `k` heaviest entries, heaviest first; ties go to the smaller id.
    public func top(_ k: Int) -> [(term: Int32, weight: Float)] {
        let entries = zip(terms, weights).map { (term: $0, weight: $1) }
        guard k < entries.count else { return entries.sorted(by: Self.heavierFirst) }
        return Array(entries.sorted(by: Self.heavierFirst).prefix(max(0, k)))
    }

    /// Only the `k` heaviest entries kept (not renormalised).
    public func truncated(to k: Int) -> TermVector {
        guard k < terms.count else { return self }
        let kept = top(k).sorted { $0.term < $1.term }
        return TermVector(sortedTerms: kept.map(\.term), weights: kept.map(\.weight))
    }

    private static func heavierFirst(_ a: (term: Int32, weight: Float), _ b: (term: Int32, weight: Float)) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : a.term < b.term
    }
}

/// Numbers the distinct terms of a collection, so vectors can use small ids.
///
/// Ids are handed out in order of first sight: feed terms in a deterministic
/// order and the ids are deterministic too.
public struct Vocabulary: Sendable {
    private var ids = StringTable()
    /// The terms by id.
    public private(set) var terms: [String] = []

    public init() {}

    /// How many terms have an id.
    public var count: Int { terms.count }

    /// The id of `term`, assigning the next one if it is new.
    public mutating func id(for term: String) -> Int32 {
        let (id, inserted) = ids.insert(term)
        if inserted { terms.append(term) }
        return Int32(id)
    }

    /// The id of `term` if it has one.
    public func id(of term: String) -> Int32? { ids.number(of: term).map(Int32.init) }

    /// How often each term occurs in `terms`, by id (new terms get ids).
    public mutating func counts(of terms: some Sequence<String>, weight: Double = 1) -> [Int32: Double] {
        var counts: [Int32: Double] = [:]
        for term in terms { counts[id(for: term), default: 0] += weight }
        return counts
    }
}

/// TF-IDF weighting learnt from a collection: document frequencies plus the
/// collection size.
///
/// Term frequency is damped (`1 + ln tf`) so a word repeated ten times does
/// not outweigh ten different words; idf is smoothed
/// (`ln((N + 1) / (df + 1)) + 1`) so no term weighs zero and unseen terms
/// weigh most.
public struct TFIDFWeighting: Sendable {
    /// Document frequency by term id.
    public private(set) var documentFrequency: [Int32]
    /// How many documents were counted.
    public private(set) var documentCount: Int

    public init() {
        documentFrequency = []
        documentCount = 0
    }

    /// Counts one document's distinct terms.
    public mutating func add<Terms: Sequence<Int32>>(documentTerms terms: Terms) {
        documentCount += 1
        for term in terms {
            let index = Int(term)
            if index >= documentFrequency.count {
                documentFrequency.append(contentsOf: repeatElement(0, count: index - documentFrequency.count + 1))
            }
            documentFrequency[index] += 1
        }
    }

    /// Takes document frequencies counted elsewhere, by term id.
    public mutating func set(documentFrequency: [Int32], documentCount: Int) {
        self.documentFrequency = documentFrequency
        self.documentCount = documentCount
    }

    /// The inverse document frequency of `term`.
    public func idf(_ term: Int32) -> Double {
        let index = Int(term)
        let df = index < documentFrequency.count ? Double(documentFrequency[index]) : 0
        return log((Double(documentCount) + 1) / (df + 1)) + 1
    }

    /// The TF-IDF vector of raw term counts, normalised to length 1.
    public func vector(counts: [Int32: Double]) -> TermVector {
        var weighted: [Int32: Double] = [:]
        weighted.reserveCapacity(counts.count)
        for (term, tf) in counts where tf > 0 {
            weighted[term] = Self.dampedFrequency(tf) * idf(term)
        }
        return TermVector(counts: weighted).normalized()
    }

    /// `1 + ln tf` for tf ≥ 1; fractional counts below 1 are kept as they are.
    public static func dampedFrequency(_ tf: Double) -> Double {
        tf >= 1 ? 1 + log(tf) : tf
    }
}
