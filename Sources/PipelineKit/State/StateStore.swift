import Foundation

/// Where a pipeline keeps what it did across runs.
///
/// Runs are identified by the pipeline's name and the run date. The runner
/// only talks to this protocol; `PipelineState.SQLiteStateStore` is the
/// embedded implementation, and a server database can implement the same
/// methods. Implementations must be safe to call from several threads:
/// ``saveCheckpoints(_:run:)`` is called while documents are processed.
public protocol StateStore: Sendable {
    /// Documents first processed by a run of `run.pipeline` on an earlier date, by id.
    func documentsSeen(before run: RunKey) throws -> [String: SeenDocument]

    /// What this run already finished for each document id (after a crash or
    /// a rerun), valid only for the same `fingerprint`.
    func checkpoints(for run: RunKey, fingerprint: String) throws -> [String: Checkpoint]

    /// Records finished documents of a run; idempotent per document id.
    func saveCheckpoints(_ checkpoints: [Checkpoint], run: RunKey) throws

    /// Stories of earlier dates whose last member is no older than `windowDays`
    /// before the run date, with their members as of before this run.
    func openStories(before run: RunKey, windowDays: Int) throws -> [StoredStory]

    /// Records a finished run in one transaction: every document it processed
    /// (kept or set aside), its stories and members, and its report.
    func finishRun(_ run: FinishedRun) throws

    /// Everything the store knows about a document id (or source path), newest run first.
    func lineage(of idOrSource: String, pipeline: String) throws -> [LineageRecord]
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

    public init(run: RunKey, processed: [String: String], documents: [Document], rejects: [Reject], stories: [Story],
                report: JSONValue) {
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

    public init(date: String, id: String, source: String, document: Document?, reject: Reject?, story: String?,
                storyHeadline: String?) {
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
        for part in [raw ?? joinedText, title ?? "", url ?? "", published.map(Timestamp.iso8601) ?? "", mediaType.rawValue] {
            hasher.combine(part)
            hasher.combine("\u{1F}")
        }
        return hasher.hex
    }
}

/// 64-bit FNV-1a: fast, stable across runs and platforms (unlike `Hasher`).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
