import Foundation
import PipelineKit

/// Fills a document's entities and keywords from its clean text, and adds the
/// dates, quotes and money/percent figures it mentions as attributes.
public struct ExtractStage: DocumentStage {
    public static let name = "extract"
    public static let abstract = "People, organisations, places, keywords, dates and quotes from the clean text."
    public static let discussion = """
        Entities come from capitalisation, built-in gazetteers (ISO 3166 countries and subdivisions from \
        Debian's iso-codes, plus lists of cities, organisations, nationalities and given names) and context \
        cues (titles, "said", "Inc.", "in <place>"); the variants of one name are merged ("Eric Schmidt" and \
        "Schmidt", "U.S." and "United States"). Keywords are 1-3 word phrases scored with YAKE's features, \
        one per stem. With `facts`, the attributes `dates` ({text, date}), `quotes` ({text, speaker}) and \
        `figures` ({text, kind: money|percent, value, currency}) are added.
        """
    public static let contract = StageContract(requires: [.text], produces: [.entities, .keywords])

    /// Entity types as options name them.
    public enum EntityType: String, OptionEnum {
        case person, organization, location, misc
    }

    public struct Options: StageOptions {
        public var entityTypes: [EntityType] = EntityType.allCases
        public var minEntityCount = 1
        public var entityVariants = false
        public var gazetteers: [String] = []
        public var keywords = 10
        public var keywordWords = 3
        public var facts = true
        public init() {}
        public static let declarations: [OptionDeclaration<Options>] = [
            .init("entity_types", \.entityTypes, help: "Which entity types to keep."),
            .init(
                "min_entity_count", \.minEntityCount, range: 1...1000,
                help: "Keep an entity only when the document mentions it at least this often (all variants counted)."),
            .init(
                "entity_variants", \.entityVariants,
                help:
                    "List each way a name is written as its own entity (typed like the merged name) instead of one merged entity."
            ),
            .init(
                "gazetteers", \.gazetteers,
                help:
                    "Extra name lists, one `name<TAB>type` line each (type: person, organization, location, misc); relative to the pipeline file. They override the built-in lists."
            ),
            .init("keywords", \.keywords, range: 0...100, help: "How many key phrases to keep per document."),
            .init("keyword_words", \.keywordWords, range: 1...3, help: "The longest key phrase, in words."),
            .init(
                "facts", \.facts,
                help: "Add the dates, quotes and money/percent figures the text mentions as attributes."),
        ]
    }

    let options: Options
    let recognizer: EntityRecognizer
    let keywordExtractor: KeywordExtractor
    let types: Set<Entity.Kind>

    public init(options: Options, context: StageSetup) throws {
        self.options = options
        var gazetteer = Gazetteer.builtIn
        for path in options.gazetteers {
            try gazetteer.add(contentsOf: context.resolve(path))
        }
        recognizer = EntityRecognizer(gazetteer: gazetteer)
        keywordExtractor = KeywordExtractor(maxWords: options.keywordWords)
        types = Set(options.entityTypes.compactMap { Entity.Kind(rawValue: $0.rawValue) })
    }

    /// The most characters of a document's text that are analysed; the rest is not read for
    /// entities, keywords or facts. Analysis holds about 50 bytes per character (tokens, their
    /// stems, counts), so a page at the 20 MB input limit would need a gigabyte; no article
    /// comes near this many characters (a long feature has about 50,000).
    static let maxAnalysedCharacters = 2_000_000

    /// The paragraphs up to ``maxAnalysedCharacters``, the last one cut at that point.
    static func analysedPart(of paragraphs: [String]) -> [String] {
        var left = maxAnalysedCharacters
        var kept: [String] = []
        for paragraph in paragraphs {
            guard left > 0 else { break }
            // utf8.count is O(1) for native strings: only a paragraph that may overflow is counted in characters.
            if paragraph.utf8.count <= left {
                kept.append(paragraph)
                left -= paragraph.utf8.count
            } else if let end = paragraph.index(paragraph.startIndex, offsetBy: left, limitedBy: paragraph.endIndex) {
                kept.append(String(paragraph[..<end]))
                left = 0
            } else {
                kept.append(paragraph)
                left -= paragraph.count
            }
        }
        return kept
    }

    public func process(_ document: inout Document, context: StageContext) -> Verdict {
        var paragraphs = Self.analysedPart(of: document.text)
        if let title = document.title, !title.isEmpty, paragraphs.first != title { paragraphs.insert(title, at: 0) }
        let text = AnalyzedText(paragraphs)
        document.entities = recognizer.entities(in: text, variants: options.entityVariants)
            .filter { types.contains($0.type) && $0.count >= options.minEntityCount }
        document.keywords = keywordExtractor.keywords(in: text, limit: options.keywords)
        if options.facts {
            let facts = FactExtractor(published: document.published)
            let found = facts.facts(in: text)
            document.attributes["dates"] = .array(found.dates.map(\.json))
            document.attributes["quotes"] = .array(found.quotes.map(\.json))
            document.attributes["figures"] = .array(found.figures.map(\.json))
        }
        return .keep
    }
}
