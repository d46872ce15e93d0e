import Foundation
import PipeSupport
import PipelineKit

/// Where a pipeline keeps what it did across runs.
///
/// Runs are identified by the pipeline's name and the run date. The runtime
/// only talks to this protocol; `PipelineState.SQLiteStateStore` is the
/// embedded implementation, and a server database implements the same
/// methods. Every method is asynchronous, so a store over the network never
/// blocks a thread, and implementations must accept calls from several tasks
/// at once: ``priorWork(for:run:fingerprint:)`` and
/// ``saveCheckpoints(_:run:)`` are called while documents are processed,
/// and the shards of one run call them from several processes.
public protocol StateStore: Sendable {
    /// What the store holds for these document ids: the content an earlier
    /// date processed, and this run's checkpoint when it was made with the
    /// same `fingerprint`. Ids the store knows nothing of are absent. The
    /// runtime asks once per file (or fetched page) with that file's ids,
    /// never for "everything seen", so the cost follows the input, not the
    /// store's history.
    func priorWork(for ids: [String], run: RunKey, fingerprint: String) async throws -> [String: PriorWork]

    /// Records finished documents of a run; idempotent per document id, and
    /// safe to call from several processes for disjoint ids.
    func saveCheckpoints(_ checkpoints: [Checkpoint], run: RunKey) async throws

    /// Stories of earlier dates whose last member is no older than `windowDays`
    /// before the run date, with their members as of before this run.
    func openStories(before run: RunKey, windowDays: Int) async throws -> [StoredStory]

    /// Records a finished run in one transaction: every document it processed
    /// (kept or set aside), its stories and members, and its report. Called
    /// once per run, after every document and story is final.
    func finishRun(_ run: FinishedRun) async throws

    /// Everything the store knows about a document id (or source path), newest run first.
    func lineage(of idOrSource: String, pipeline: String) async throws -> [LineageRecord]
}

/// What a store knows of one document id before a run processes it.
public struct PriorWork: Sendable {
    /// Set when a run of an earlier date processed the id.
    public var seen: SeenDocument?
    /// Set when this date's run finished the id before (a crash, a rerun) with the same fingerprint.
    public var checkpoint: Checkpoint?

    public init(seen: SeenDocument? = nil, checkpoint: Checkpoint? = nil) {
        self.seen = seen
        self.checkpoint = checkpoint
    }
}

/// One run: a pipeline on a date.
public struct RunKey: Sendable, Hashable {
    public var pipeline: String
    public var date: String

    public init(pipeline: String, date: String) {
        self.pipeline = pipeline
        self.date = date
    }
}

/// A document an earlier run processed.
public struct SeenDocument: Sendable, Hashable {
    public var hash: String
    /// The date of the run that first processed it.
    public var firstRun: String

    public init(hash: String, firstRun: String) {
        self.hash = hash
        self.firstRun = firstRun
    }
}

/// A document finished by the stages run while reading: kept (with its state
/// after them) or set aside (with the reason).
public struct Checkpoint: Sendable {
    public var id: String
    /// ``Document/contentHash`` of the document as read.
    public var hash: String
    /// The run's fingerprint: pipeline options and program build.
    public var fingerprint: String
    public var outcome: Result<Document, Reject>

    public init(id: String, hash: String, fingerprint: String, outcome: Result<Document, Reject>) {
        self.id = id
        self.hash = hash
        self.fingerprint = fingerprint
        self.outcome = outcome
    }
}

/// A story from an earlier run, with the member documents that may join today's articles.
public struct StoredStory: Sendable {
    public var story: Story
    /// The date of the run that started it.
    public var firstRun: String
    /// Member documents as the run that added them finished them.
    public var members: [Document]

    public init(story: Story, firstRun: String, members: [Document]) {
        self.story = story
        self.firstRun = firstRun
        self.members = members
    }
}

/// What a finished run leaves in the store.
public struct FinishedRun: Sendable {
    public var run: RunKey
    /// Documents processed by this run: id → content hash as read.
    public var processed: [String: String]
    /// The documents of the digest, as the last stage left them.
    public var documents: [Document]
    public var rejects: [Reject]
    /// Stories of the digest; continuing stories keep their earlier id.
    public var stories: [Story]
    public var report: JSONValue

    public init(
        run: RunKey, processed: [String: String], documents: [Document], rejects: [Reject], stories: [Story],
        report: JSONValue
    ) {
        self.run = run
        self.processed = processed
        self.documents = documents
        self.rejects = rejects
        self.stories = stories
        self.report = report
    }
}

/// One run's record of a document, for `pipe explain`.
public struct LineageRecord: Sendable {
    public var date: String
    public var id: String
    public var source: String
    /// The document as the run's last stage left it (nil when it was set aside).
    public var document: Document?
    /// Why it was set aside, when it was.
    public var reject: Reject?
    /// The story it joined, with its headline.
    public var story: String?
    public var storyHeadline: String?

    public init(
        date: String, id: String, source: String, document: Document?, reject: Reject?, story: String?,
        storyHeadline: String?
    ) {
        self.date = date
        self.id = id
        self.source = source
        self.document = document
        self.reject = reject
        self.story = story
        self.storyHeadline = storyHeadline
    }
}

extension Document {
    /// A stable hash of the document as read (raw content, title, url, date),
    /// so a changed article is processed again while an unchanged one is not.
    public var contentHash: String {
        var hasher = FNV1a()
        for part in [
            raw ?? joinedText, title ?? "", url ?? "", published.map(Timestamp.iso8601) ?? "", mediaType.rawValue,
        ] {
            hasher.combine(part)
            hasher.combine("\u{1F}")
        }
        return hasher.hex
    }
}
