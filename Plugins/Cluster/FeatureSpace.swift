import Foundation
import PipeSupport
import PipelineKit
import TextKit

/// What `cluster` compares documents by.
public enum ClusterFeature: String, OptionEnum, Sendable {
    /// The title's words, counted `title_weight` times.
    case title
    /// The clean text's words and two-word phrases.
    case text
    /// The entities `extract` found, as whole names.
    case entities
    /// The keywords `extract` chose, as whole phrases.
    case keywords
}

/// How the features of one document are weighted before TF-IDF.
struct FeatureWeights: Sendable {
    var features: Set<ClusterFeature>
    var title: Double
    var entity: Double
    /// A capitalised word outside the title (a name, most likely) counts this much.
    var name: Double = 3
    /// A number ("2008", "7.1") counts this much: dates and tolls tell events apart.
    var number: Double = 3
    /// A pair of adjacent content words counts this much.
    var phrase: Double = 1
}

/// The batch's documents as TF-IDF vectors over stemmed content words,
/// adjacent word pairs, and entity and keyword features when chosen,
/// scaled so a dot product is a cosine-like similarity in 0...1.
///
/// Terms found in only one document are left out of the stored vectors
/// (they cannot make two documents alike); see `init` for how they still
/// count in the length.
struct FeatureSpace {
    /// One vector per document, in the order given.
    let vectors: [TermVector]
    /// Term strings by id: a stem, `stem stem` for a pair, `@name`, `#phrase`.
    let terms: [String]
    /// A readable form of each single-word term (the first word seen with
    /// that stem), empty for other terms.
    let surfaces: [String]
    /// Each document's MinHash signature over its text's word shingles, made in the same
    /// pass as the counts when `init` is given a hasher and the text is a feature; else nil.
    let signatures: [MinHashSignature]?

    /// Terms a document keeps after weighting; the long tail adds little to
    /// a cosine and costs time in every comparison.
    static let maxTermsPerDocument = 200

    /// Documents counted at once in the first pass: only one chunk's
    /// string-keyed counts are held at a time; what is kept of each document
    /// is its compact id/count arrays.
    static let chunkSize = 1024

    /// Builds the space in two steps, both on up to `width` threads. The first counts each
    /// document's terms, learns every term's document frequency (ids handed out
    /// in document order, each document's terms sorted, so the same documents
    /// in the same order always give the same ids) and keeps each document's
    /// counts compactly, as term ids and `Float` counts (8 bytes a term; the
    /// counts are small sums of small weights). The second weights them and
    /// keeps only each document's truncated vector, a chunk of documents at a time, letting
    /// each chunk's counts go as its vectors are made (so the counts and the vectors are not
    /// all held at once: ≈ 1.6 KB a document less at the peak). Holding the counts as
    /// string-keyed dictionaries cost ~22 KB a document; counting every document
    /// twice instead cost a third of the stage's time.
    init(documents: [Document], weights: FeatureWeights, shingles: MinHasher? = nil, width: Int = .max) {
        var everyTerm = Vocabulary()
        var firstSurface: [String] = []
        var documentFrequency: [Int32] = []
        // By chunk of documents, so the second pass can let each chunk go once it is weighted.
        var compact: [[(ids: [UInt32], counts: [Float])]] = []
        var signatures: [MinHashSignature] = []
        let shingles = weights.features.contains(.text) ? shingles : nil
        for start in stride(from: 0, to: documents.count, by: Self.chunkSize) {
            let end = min(start + Self.chunkSize, documents.count)
            let counted = Parallel.map(end - start, width: width) { offset in
                let counter = TermCounter(
                    counting: documents[start + offset], weights: weights,
                    hashingWords: shingles != nil)
                let signature = shingles.map {
                    $0.signature(shingleHashes: $0.shingleHashes(wordHashes: counter.wordHashes))
                }
                return (terms: counter.sortedTerms(), signature: signature)
            }
            var rows: [(ids: [UInt32], counts: [Float])] = []
            rows.reserveCapacity(counted.count)
            for document in counted {
                if let signature = document.signature { signatures.append(signature) }
                var ids: [UInt32] = []
                var counts: [Float] = []
                ids.reserveCapacity(document.terms.count)
                counts.reserveCapacity(document.terms.count)
                for (term, count, surface) in document.terms {
                    let id = Int(everyTerm.id(for: term))
                    if id == documentFrequency.count {
                        documentFrequency.append(0)
                        firstSurface.append(surface)
                    }
                    documentFrequency[id] += 1
                    ids.append(UInt32(id))
                    counts.append(Float(count))
                }
                rows.append((ids, counts))
            }
            compact.append(rows)
        }

        // Terms found in two documents or more get the space's ids, in the order first seen.
        var sharedID = [Int32](repeating: -1, count: documentFrequency.count)
        var terms: [String] = []
        var surfaces: [String] = []
        var weighting = TFIDFWeighting()
        var sharedFrequency: [Int32] = []
        for (id, frequency) in documentFrequency.enumerated() where frequency >= 2 {
            sharedID[id] = Int32(terms.count)
            terms.append(everyTerm.terms[id])
            surfaces.append(firstSurface[id])
            sharedFrequency.append(frequency)
        }
        weighting.set(documentFrequency: sharedFrequency, documentCount: documents.count)
        let finalWeighting = weighting, shared = sharedID

        // Terms of one document only never add to a dot product, so they are
        // left out of the vector. Its length is that of the shared part, or
        // of the private part when that is longer: in a big batch most of an
        // article's terms are shared and long articles are not penalised for
        // their tails (measured on ECB+); in a small batch an article mostly
        // about things no one else mentions is not made alike to others by
        // the few words it happens to share.
        let ownIDF = log((Double(documents.count) + 1) / 2) + 1
        var vectors: [TermVector] = []
        vectors.reserveCapacity(documents.count)
        for chunk in compact.indices {
            let counted = compact[chunk]
            compact[chunk] = []
            vectors += Parallel.map(counted.count, width: width) { index in
                let document = counted[index]
                var weighted: [(term: Int32, weight: Double)] = []
                weighted.reserveCapacity(document.ids.count)
                var ownSquared = 0.0
                // In term order, so the private part's sum is added in the same order every run.
                for (everyID, count) in zip(document.ids, document.counts) {
                    let tf = Double(count)
                    let id = shared[Int(everyID)]
                    if id >= 0 {
                        weighted.append((id, TFIDFWeighting.dampedFrequency(tf) * finalWeighting.idf(id)))
                    } else {
                        let weight = TFIDFWeighting.dampedFrequency(tf) * ownIDF
                        ownSquared += weight * weight
                    }
                }
                let sharedVector = TermVector(entries: weighted)  // ids distinct: `shared` numbers each term once
                let squared = max(sharedVector.norm * sharedVector.norm, ownSquared)
                guard squared > 0 else { return sharedVector }
                return sharedVector.scaled(by: 1 / squared.squareRoot()).truncated(to: Self.maxTermsPerDocument)
            }
        }
        self.vectors = vectors
        self.terms = terms
        self.surfaces = surfaces
        self.signatures = shingles == nil ? nil : signatures
    }

    /// The readable form of a single-word term, if it is one.
    func readable(_ term: Int32) -> String? {
        let index = Int(term)
        return index < surfaces.count && !surfaces[index].isEmpty ? surfaces[index] : nil
    }

    // MARK: - Counting one document

    /// One document's terms while it is read: each distinct word is normalised, judged and
    /// stemmed once (later occurrences are one dictionary lookup), stems are counted in an
    /// array and adjacent pairs under their two stems' numbers; the `"stem stem"` strings are
    /// made once per distinct pair at the end.
    struct TermCounter {
        /// Each distinct word, numbered: its stem's number (-1 when it is not a content word)
        /// and its `StableHash.fnv1a` hash for near-duplicate shingles, by that number.
        private var words: StringTable
        private var stemOfWord: [Int32] = []
        private var hashOfWord: [UInt64] = []
        /// Stems numbered in order of first sight.
        private var stemIndex: StringTable
        private var stems: [String] = []
        /// The first word seen with each stem: its readable form.
        private var surfaces: [String] = []
        private var stemCounts: [Double] = []
        private var pairCounts: [UInt64: Double]
        /// Entity and keyword features (`@name`, `#phrase`).
        private var others: [String: Double] = [:]
        /// Every word of the text (not the title), in order, hashed; when asked for.
        private(set) var wordHashes: [UInt64] = []
        private let hashingWords: Bool
        private let facts = WordFacts.current

        /// `document`'s terms by `weights`, and its text's word hashes when `hashingWords`.
        init(counting document: Document, weights: FeatureWeights, hashingWords: Bool) {
            // About one word in six bytes of text, a third of them distinct: grown once, not doubled a dozen times.
            let bytes = document.text.reduce(0) { $0 + $1.utf8.count }
            words = StringTable(minimumCapacity: bytes / 18)
            stemIndex = StringTable(minimumCapacity: bytes / 24)
            pairCounts = Dictionary(minimumCapacity: bytes / 8)
            self.hashingWords = hashingWords
            if hashingWords { wordHashes.reserveCapacity(bytes / 5) }
            count(document, weights: weights)
        }

        private mutating func count(_ document: Document, weights: FeatureWeights) {
            if weights.features.contains(.title), let title = document.title {
                countWords(
                    SiteSuffix.strip(title, site: document.site), weight: weights.title, weights: weights,
                    titleCase: true, hashing: false)
            }
            if weights.features.contains(.text) {
                for paragraph in document.text {
                    countWords(paragraph, weight: 1, weights: weights, titleCase: false, hashing: hashingWords)
                }
            }
            if weights.features.contains(.entities) {
                for entity in document.entities {
                    others["@" + entity.text.lowercased(), default: 0] += weights.entity * Double(max(1, entity.count))
                }
            }
            if weights.features.contains(.keywords) {
                for keyword in document.keywords { others["#" + keyword.term.lowercased(), default: 0] += 1 }
            }
        }

        /// Counts the content words of `text` (stemmed) and each pair of adjacent
        /// content words. A capitalised word weighs as a name (opening a sentence
        /// too: measured on ECB+, that scores better than skipping sentence
        /// starts); in a title (`titleCase`) every word is capitalised, so none does.
        mutating func countWords(
            _ text: String, weight: Double, weights: FeatureWeights, titleCase: Bool, hashing: Bool
        ) {
            var previous: Int32 = -1
            Tokenizer.forEachWordUTF8(in: text) { word, kind, isCapitalized in
                guard let word else {
                    previous = -1
                    return
                }
                let (known, inserted) = words.insert(word)
                if inserted { learn(word) }
                if hashing { wordHashes.append(hashOfWord[known]) }
                let stem = stemOfWord[known]
                guard stem >= 0 else {
                    previous = -1
                    return
                }
                var factor = 1.0
                if kind == .number || (word[0] >= 0x30 && word[0] <= 0x39) {
                    factor = weights.number
                } else if !titleCase, isCapitalized {
                    factor = weights.name
                }
                stemCounts[Int(stem)] += weight * factor
                if weights.phrase > 0, previous >= 0 {
                    pairCounts[UInt64(UInt32(previous)) << 32 | UInt64(UInt32(stem)), default: 0] +=
                        weight * weights.phrase
                }
                previous = stem
            }
        }

        /// Gives a word new to this document its stem's number (-1 if it is not a content word)
        /// and its hash, from what this thread knows of the word.
        private mutating func learn(_ word: UnsafeBufferPointer<UInt8>) {
            let (stemmed, hash) = facts.stemAndHash(of: word)
            var stem: Int32 = -1
            if let stemmed {
                let (number, inserted) = stemIndex.insert(stemmed)
                stem = Int32(number)
                if inserted {
                    stems.append(stemmed)
                    surfaces.append(String(decoding: word, as: UTF8.self))
                    stemCounts.append(0)
                }
            }
            stemOfWord.append(stem)
            hashOfWord.append(hash)
        }

        /// Every term with its count and readable form (single words only), sorted by term, so
        /// that the same document always gives its terms in the same order.
        func sortedTerms() -> [(term: String, count: Double, surface: String)] {
            var terms: [(term: String, count: Double, surface: String)] = []
            terms.reserveCapacity(stems.count + pairCounts.count + others.count)
            for (index, stem) in stems.enumerated() {
                terms.append((stem, stemCounts[index], surfaces[index]))
            }
            for (pair, count) in pairCounts {
                terms.append((stems[Int(pair >> 32)] + " " + stems[Int(pair & 0xFFFF_FFFF)], count, ""))
            }
            for (other, count) in others { terms.append((other, count, "")) }
            terms.sort { $0.term < $1.term }
            // A word written with a leading "@" or "#" could name the same term as an entity or
            // keyword feature: one term, its counts added as one dictionary would have.
            var merged: [(term: String, count: Double, surface: String)] = []
            merged.reserveCapacity(terms.count)
            for term in terms {
                if let last = merged.last, last.term == term.term {
                    merged[merged.count - 1].count += term.count
                    if last.surface.isEmpty { merged[merged.count - 1].surface = term.surface }
                } else {
                    merged.append(term)
                }
            }
            return merged
        }
    }

    /// What counting needs of a word, learnt once per thread rather than once per document:
    /// its stem when it is a content word, and its `StableHash.fnv1a` hash. A thread's
    /// documents share most of their words; judging, stemming and hashing each again in every
    /// document was over half of counting a document's words.
    final class WordFacts {
        private var words = StringTable()
        /// By word number: the stem (nil when not a content word) and the hash.
        private var stems: [String?] = []
        private var hashes: [UInt64] = []

        /// Words remembered per thread; past it, words are judged without being kept.
        static let limit = 200_000
        private static let perThread = PerThread { WordFacts() }
        static var current: WordFacts { perThread.current }

        func stemAndHash(of word: UnsafeBufferPointer<UInt8>) -> (stem: String?, hash: UInt64) {
            if let known = words.number(of: word) { return (stems[known], hashes[known]) }
            let string = String(decoding: word, as: UTF8.self)
            let stem = FeatureSpace.isContentWord(string) ? Stemmer.stem(string) : nil
            let hash = StableHash.fnv1a(string)
            if words.count < Self.limit {
                words.insert(word)
                stems.append(stem)
                hashes.append(hash)
            }
            return (stem, hash)
        }
    }

    /// Words that say what an article is about: not stopwords, not reporting
    /// verbs, not single characters.
    static func isContentWord(_ word: String) -> Bool {
        word.unicodeScalars.count > 1 && !notContent.contains(word)
    }

    private static let notContent = StringTable(Array(Stopwords.english) + reportingWords.sorted())

    /// Words every news story uses, whatever it is about.
    static let reportingWords: Set<String> = [
        "said", "says", "say", "told", "also", "according", "reported", "year", "years", "new", "last", "first",
        "mr", "mrs", "ms", "one", "two", "would", "could", "may", "might", "will", "like", "just",
    ]
}
