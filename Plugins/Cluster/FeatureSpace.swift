import PipelineKit
import TextKit

/// What `cluster` compares documents by.
public enum ClusterFeature: String, OptionEnum, Sendable {
    /// The title's words, counted `title_weight` times.
    case title
    /// The clean text's words.
    case text
    /// The entities `extract` found, as whole names.
    case entities
    /// The keywords `extract` chose, as whole phrases.
    case keywords
}

/// The batch's documents as TF-IDF vectors over stemmed content words (plus
/// entity and keyword features when chosen), normalised to length 1, so a
/// dot product is a cosine.
struct FeatureSpace {
    /// One vector per document, in the order given.
    let vectors: [TermVector]
    /// The vocabulary: a word term is its stem, an entity `@name`, a keyword `#phrase`.
    let vocabulary: Vocabulary
    /// A readable form of each word term (the first word seen with that stem),
    /// indexed by term id; empty for entity and keyword terms.
    let surfaces: [String]

    /// Terms a document keeps after weighting; the long tail adds little to
    /// a cosine and costs time in every comparison.
    static let maxTermsPerDocument = 150

    init(documents: [Document], features: Set<ClusterFeature>, titleWeight: Double, entityWeight: Double) {
        var vocabulary = Vocabulary()
        var surfaces: [String] = []
        var weighting = TFIDFWeighting()
        var allCounts: [[Int32: Double]] = []
        allCounts.reserveCapacity(documents.count)
        let stopwords = Stopwords.english

        func addWords(_ text: String, weight: Double, into counts: inout [Int32: Double]) {
            for word in Tokenizer.words(text) where Self.isContentWord(word, stopwords: stopwords) {
                let stem = Stemmer.stem(word)
                let id = vocabulary.id(for: stem)
                if Int(id) == surfaces.count { surfaces.append(word) }
                counts[id, default: 0] += weight
            }
        }
        func addTerm(_ term: String, weight: Double, into counts: inout [Int32: Double]) {
            let id = vocabulary.id(for: term)
            if Int(id) == surfaces.count { surfaces.append("") }
            counts[id, default: 0] += weight
        }

        for document in documents {
            var counts: [Int32: Double] = [:]
            if features.contains(.title), let title = document.title {
                addWords(SiteSuffix.strip(title, site: document.site), weight: titleWeight, into: &counts)
            }
            if features.contains(.text) {
                for paragraph in document.text { addWords(paragraph, weight: 1, into: &counts) }
            }
            if features.contains(.entities) {
                for entity in document.entities {
                    addTerm("@" + entity.text.lowercased(), weight: entityWeight * Double(max(1, entity.count)), into: &counts)
                }
            }
            if features.contains(.keywords) {
                for keyword in document.keywords { addTerm("#" + keyword.term.lowercased(), weight: 1, into: &counts) }
            }
            weighting.add(documentTerms: counts.keys)
            allCounts.append(counts)
        }
        self.vectors = allCounts.map { counts in
            weighting.vector(counts: counts).truncated(to: Self.maxTermsPerDocument).normalized()
        }
        self.vocabulary = vocabulary
        self.surfaces = surfaces
    }

    /// Words that say what an article is about: not stopwords, not single
    /// characters, not bare one-digit numbers.
    static func isContentWord(_ word: String, stopwords: Set<String>) -> Bool {
        word.unicodeScalars.count > 1 && !stopwords.contains(word)
    }

    /// The readable form of a term: the word for a stem, the name for an entity.
    func readable(_ term: Int32) -> String? {
        let index = Int(term)
        if index < surfaces.count, !surfaces[index].isEmpty { return surfaces[index] }
        return nil
    }
}
