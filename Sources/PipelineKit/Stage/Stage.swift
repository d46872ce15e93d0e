/// A step of a pipeline: a named, configurable transformation of documents.
///
/// Conform through one of its two shapes: ``DocumentStage`` (one document in,
/// one out or dropped; the runner runs it on all cores and isolates its
/// failures) or ``BatchStage`` (sees every document and the stories at once).
///
/// ```swift
/// public struct Shout: DocumentStage {
///     public static let name = "shout"
///     public static let abstract = "Upper-cases every paragraph."
///     public init(options: NoOptions, context: StageSetup) {}
///     public func process(_ document: inout Document, context: StageContext) -> Verdict {
///         document.text = document.text.map { $0.uppercased() }
///         return .keep
///     }
/// }
/// ```
///
/// ## Topics
/// - ``DocumentStage``
/// - ``BatchStage``
/// - ``StageOptions``
/// - ``StageContract``
public protocol Stage: Sendable {
    /// The options the stage reads from its pipeline entry.
    associatedtype Options: StageOptions = NoOptions

    /// The name used in pipeline files: lowercase, `[a-z][a-z0-9_-]*`.
    static var name: String { get }
    /// One line for `pipe stages`.
    static var abstract: String { get }
    /// A longer description for `pipe stages NAME`.
    static var discussion: String { get }
    /// The document fields the stage reads and writes; checked when a
    /// pipeline loads.
    static var contract: StageContract { get }

    /// Creates the stage once per run, before any document flows. Throw for
    /// setup problems (a missing word list, say); the run stops before reading.
    init(options: Options, context: StageSetup) throws

    /// Which of the two shapes the stage has. ``DocumentStage`` and
    /// ``BatchStage`` provide it, and nothing else can: a type that conforms
    /// to `Stage` alone does not compile ("does not conform to protocol
    /// 'Stage'"), nor does one that claims both shapes.
    static var shape: StageShape { get }
}

/// The shape of a stage, set by conforming to ``DocumentStage`` or ``BatchStage``.
public struct StageShape: Sendable, Equatable {
    package enum Kind: Sendable { case document, batch }
    package let kind: Kind
    package static let document = StageShape(kind: .document)
    package static let batch = StageShape(kind: .batch)
}

// MARK: - Default implementations

extension Stage {
    public static var discussion: String { "" }
    public static var contract: StageContract { StageContract() }
}

/// A stage that handles one document at a time.
///
/// `process` is called concurrently on different documents: keep per-run
/// state immutable (built in `init`), or protect it.
public protocol DocumentStage: Stage {
    /// Transforms `document` in place and says whether to keep it. Throwing
    /// sets the document aside as failed; the run goes on.
    func process(_ document: inout Document, context: StageContext) throws -> Verdict
}

extension DocumentStage {
    public static var shape: StageShape { .document }
}

/// A stage that needs the whole batch: clustering, story summaries, export.
public protocol BatchStage: Stage {
    /// Transforms the batch in place. Throwing marks the stage failed and the
    /// run goes on with the batch as it was.
    func process(_ batch: inout Batch, context: StageContext) async throws
}

extension BatchStage {
    public static var shape: StageShape { .batch }
}

/// What a document stage decided about a document.
public enum Verdict: Sendable, Equatable {
    case keep
    /// Set the document aside; `reason` goes to the rejects file.
    case drop(reason: String)
}

/// The document fields a stage reads and writes.
///
/// Field names are ``DocumentField`` values: the built-in fields and any
/// attribute name a stage defines. A pipeline whose stage requires a field
/// that no earlier stage (or the input reader) produces does not validate.
public struct StageContract: Sendable, Hashable {
    public var requires: Set<DocumentField>
    public var produces: Set<DocumentField>

    public init(requires: Set<DocumentField> = [], produces: Set<DocumentField> = []) {
        self.requires = requires
        self.produces = produces
    }
}

/// A named document field, for ``StageContract``.
public struct DocumentField: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible, Comparable {
    public var name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
    public static func < (lhs: DocumentField, rhs: DocumentField) -> Bool { lhs.name < rhs.name }

    public static let raw: DocumentField = "raw"
    public static let text: DocumentField = "text"
    public static let title: DocumentField = "title"
    public static let metadata: DocumentField = "metadata"
    public static let entities: DocumentField = "entities"
    public static let keywords: DocumentField = "keywords"
    public static let story: DocumentField = "story"
    public static let summary: DocumentField = "summary"
    /// Fields every document has after reading.
    public static let fromReader: Set<DocumentField> = [.raw]
}
