import Foundation

/// Documents about one event, grouped by a clustering stage.
public struct Story: Sendable, Identifiable, Codable {
    /// Stable id: the same members give the same id, run after run.
    public var id: String
    /// Member document ids, most central first.
    public var members: [String]
    public var headline: String?
    public var summary: String?
    public var entities: [Entity]
    public var keywords: [Keyword]
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// The publications that covered it, in a stable order.
    public var outlets: [String]
    /// Fields added by stages without a slot of their own, e.g. a summary's `sources`.
    public var attributes: [String: JSONValue]

    public init(
        id: String, members: [String], headline: String? = nil, summary: String? = nil,
        entities: [Entity] = [], keywords: [Keyword] = [], firstSeen: Date? = nil, lastSeen: Date? = nil,
        outlets: [String] = [], attributes: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.members = members
        self.headline = headline
        self.summary = summary
        self.entities = entities
        self.keywords = keywords
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.outlets = outlets
        self.attributes = attributes
    }
}

/// Everything a whole-batch stage sees: the surviving documents and the stories.
public struct Batch: Sendable {
    /// Documents in a deterministic order (sorted by id when read).
    public var documents: [Document]
    public var stories: [Story]
    /// What a state store remembered of earlier runs that this batch does not show:
    /// filled by the runner, read by exports that tell a reader about quiet days.
    public var carriedOver: CarriedOver

    public init(documents: [Document], stories: [Story] = [], carriedOver: CarriedOver = CarriedOver()) {
        self.documents = documents
        self.stories = stories
        self.carriedOver = carriedOver
    }

    /// The document with `id`, if present.
    public func document(id: String) -> Document? {
        documents.first { $0.id == id }
    }
}

/// Earlier runs' part in this one, when the pipeline has a state store.
public struct CarriedOver: Sendable {
    /// Documents of the input skipped because an earlier day processed them unchanged.
    public var skippedDocuments: Int
    /// Stories from earlier days still open (within the state's `window_days`) that no
    /// document of this run joined, most recently seen first. Their `members` are the
    /// earlier days' document ids, which this batch does not hold.
    public var openStories: [Story]

    public init(skippedDocuments: Int = 0, openStories: [Story] = []) {
        self.skippedDocuments = skippedDocuments
        self.openStories = openStories
    }
}

/// A document set aside: unreadable, dropped by a stage, or failed in one.
public struct Reject: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The input could not be read into a document.
        case unreadable
        /// A stage decided the document does not belong in the output.
        case dropped
        /// A stage threw while processing it.
        case failed
    }

    public var id: String
    public var source: String
    /// The stage that set it aside, or `read` for the input readers.
    public var stage: String
    public var kind: Kind
    public var reason: String

    public init(id: String, source: String, stage: String, kind: Kind, reason: String) {
        self.id = id
        self.source = source
        self.stage = stage
        self.kind = kind
        self.reason = reason
    }

    /// One line of the rejects file.
    public var json: JSONValue {
        [
            "id": .string(id), "source": .string(source), "stage": .string(stage), "kind": .string(kind.rawValue),
            "reason": .string(reason),
        ]
    }
}
