import Foundation

/// One article travelling through a pipeline.
///
/// A reader creates it with an ``id``, a ``source`` and the ``raw`` content;
/// stages fill the rest. Fields a stage does not know about go into
/// ``attributes``; ``trace`` records what each stage did to it.
public struct Document: Sendable, Identifiable, Codable {
    /// Stable identifier: the input path relative to the inbox (without `.gz`),
    /// a JSONL line's `id`, or a feed item's guid.
    public var id: String
    /// Where the document came from: a file path, or for a JSONL line its `id`.
    public var source: String
    /// The article's address on the web, when known.
    public var url: String?
    /// The content as read, decoded to text. Stages may drop it once used.
    public var raw: String?
    /// What ``raw`` holds.
    public var mediaType: MediaType

    public var title: String?
    public var author: String?
    public var published: Date?
    /// The publication's name ("Harbor Ledger").
    public var site: String?
    /// BCP 47 language tag ("en").
    public var language: String?

    /// The clean article text, one paragraph per element.
    public var text: [String]
    public var entities: [Entity]
    /// Key phrases, best first.
    public var keywords: [Keyword]
    /// The id of the ``Story`` this document belongs to.
    public var story: String?
    public var summary: String?

    /// Fields added by stages that have no slot of their own, e.g. `duplicate_of`.
    public var attributes: [String: JSONValue]
    /// What each stage did, in order.
    public var trace: [TraceEntry]

    public init(
        id: String, source: String, url: String? = nil, raw: String? = nil, mediaType: MediaType = .text,
        title: String? = nil, author: String? = nil, published: Date? = nil, site: String? = nil,
        language: String? = nil, text: [String] = [], entities: [Entity] = [], keywords: [Keyword] = [],
        story: String? = nil, summary: String? = nil, attributes: [String: JSONValue] = [:],
        trace: [TraceEntry] = []
    ) {
        self.id = id
        self.source = source
        self.url = url
        self.raw = raw
        self.mediaType = mediaType
        self.title = title
        self.author = author
        self.published = published
        self.site = site
        self.language = language
        self.text = text
        self.entities = entities
        self.keywords = keywords
        self.story = story
        self.summary = summary
        self.attributes = attributes
        self.trace = trace
    }

    /// The paragraphs joined by a blank line, as the export contract writes them.
    public var joinedText: String { text.joined(separator: "\n\n") }
}

/// The kind of content a reader found.
public enum MediaType: String, Sendable, Codable, CaseIterable {
    case html
    case text
    case markdown
}

/// A named thing mentioned in a document.
public struct Entity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case person
        case organization
        case location
        case misc

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The canonical surface form ("Eric Schmidt").
    public var text: String
    public var type: Kind
    /// How many times the document mentions it, counting variants.
    public var count: Int

    public init(text: String, type: Kind, count: Int = 1) {
        self.text = text
        self.type = type
        self.count = count
    }
}

/// A key phrase with its score; higher is better.
public struct Keyword: Sendable, Hashable, Codable {
    public var term: String
    public var score: Double

    public init(term: String, score: Double) {
        self.term = term
        self.score = score
    }
}

/// One stage's mark on a document.
public struct TraceEntry: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case kept
        case dropped
        case failed
    }

    /// The stage's name as written in the pipeline.
    public var stage: String
    public var outcome: Outcome
    /// Why it was dropped or failed.
    public var reason: String?
    public var duration: Duration

    public init(stage: String, outcome: Outcome, reason: String? = nil, duration: Duration) {
        self.stage = stage
        self.outcome = outcome
        self.reason = reason
        self.duration = duration
    }
}
