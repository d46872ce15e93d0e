import Foundation
import PipelineKit

/// A run's use of its ``StateStore``: which documents to skip, which to take
/// from a checkpoint, and which to process; checkpoints written as documents
/// finish; stories carried from earlier days and continued.
final class RunState: @unchecked Sendable {
    let store: any StateStore
    let run: RunKey
    let fingerprint: String
    let windowDays: Int
    let reprocess: Bool

    private let lock = NSLock()
    private var pending: [Checkpoint] = []
    private var processed: [String: String] = [:]
    private var skipped = 0
    private var resumed = 0
    private var failure: (any Error)?
    private var lookupFailure: (any Error)?

    /// Checkpoints are written in small groups: at most this many documents'
    /// work is redone after a crash.
    static let flushEvery = 16

    init(store: any StateStore, run: RunKey, fingerprint: String, windowDays: Int, reprocess: Bool) {
        self.store = store
        self.run = run
        self.fingerprint = fingerprint
        self.windowDays = windowDays
        self.reprocess = reprocess
    }

    /// What to do with a document just read.
    enum Decision {
        /// An earlier day processed this content already.
        case skip
        /// This date's run finished it before: here is the result.
        case resume(Result<Document, Reject>)
        /// Process it, then call ``finished(_:id:hash:)`` with the result.
        case process(hash: String)
    }

    /// Decides for the documents of one file (or fetched page), with one
    /// lookup in the store for all of them. When the store cannot answer, the
    /// documents are processed and ``lookupError`` is set: the runner then
    /// stops before writing, since a digest made without knowing what earlier
    /// days had would repeat their articles.
    func decide(_ documents: [Document]) async -> [Decision] {
        guard !documents.isEmpty else { return [] }
        var prior: [String: PriorWork] = [:]
        if !reprocess {
            do {
                prior = try await store.priorWork(for: documents.map(\.id), run: run, fingerprint: fingerprint)
            } catch {
                lock.withLock { if lookupFailure == nil { lookupFailure = error } }
            }
        }
        return documents.map { document in
            let hash = document.contentHash
            let known = prior[document.id]
            if known?.seen?.hash == hash {
                lock.withLock { skipped += 1 }
                return .skip
            }
            lock.withLock { processed[document.id] = hash }
            if let checkpoint = known?.checkpoint, checkpoint.hash == hash {
                lock.withLock { resumed += 1 }
                return .resume(checkpoint.outcome)
            }
            return .process(hash: hash)
        }
    }

    /// Records a processed document's result; writes a group of checkpoints when enough are waiting.
    func finished(_ outcome: Result<Document, Reject>, id: String, hash: String) async {
        let batch: [Checkpoint]? = lock.withLock {
            pending.append(Checkpoint(id: id, hash: hash, fingerprint: fingerprint, outcome: outcome))
            guard pending.count >= Self.flushEvery else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let batch { await save(batch) }
    }

    /// Writes whatever checkpoints are still waiting.
    func flush() async {
        let batch = lock.withLock {
            defer { pending.removeAll() }
            return pending
        }
        await save(batch)
    }

    private func save(_ batch: [Checkpoint]) async {
        guard !batch.isEmpty else { return }
        do {
            try await store.saveCheckpoints(batch, run: run)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }

    /// Documents skipped because an earlier day processed them unchanged.
    var skippedCount: Int { lock.withLock { skipped } }
    /// Documents taken from this date's checkpoints.
    var resumedCount: Int { lock.withLock { resumed } }
    /// The first error writing checkpoints, if any (the run goes on; resuming is then slower).
    var checkpointError: (any Error)? { lock.withLock { failure } }
    /// The first error looking documents up in the store, if any.
    var lookupError: (any Error)? { lock.withLock { lookupFailure } }
    /// Documents this run processed or resumed, id → content hash.
    var processedDocuments: [String: String] { lock.withLock { processed } }

    /// What a shard of a sharded run did with the state, for the step that finishes the run.
    struct Tally: Codable {
        var skipped: Int
        var resumed: Int
        var processed: [String: String]
        var lookupError: String?
        var checkpointError: String?
    }

    /// This process's decisions and errors so far.
    var tally: Tally {
        lock.withLock {
            Tally(
                skipped: skipped, resumed: resumed, processed: processed, lookupError: lookupFailure.map { "\($0)" },
                checkpointError: failure.map { "\($0)" })
        }
    }

    /// Adds a shard's decisions and errors to this run's, as if this process had made them.
    func absorb(_ shard: Tally) {
        lock.withLock {
            skipped += shard.skipped
            resumed += shard.resumed
            processed.merge(shard.processed) { first, _ in first }
            if lookupFailure == nil, let message = shard.lookupError { lookupFailure = ShardWork.Failure(message) }
            if failure == nil, let message = shard.checkpointError { failure = ShardWork.Failure(message) }
        }
    }

    // MARK: Stories across days

    /// Earlier stories still open, and their members added to `batch` so the
    /// clustering stage can attach today's articles to them.
    func carryStories(into batch: inout Batch) async throws -> [String: StoredStory] {
        let open = try await store.openStories(before: run, windowDays: windowDays)
        let present = Set(batch.documents.map(\.id))
        var carried: [Document] = []
        for stored in open {
            for var member in stored.members where !present.contains(member.id) {
                member.carriedFromStory = stored.story.id
                carried.append(member)
            }
        }
        if !carried.isEmpty {
            batch.documents = (batch.documents + carried).sorted { $0.id < $1.id }
        }
        return Dictionary(open.map { ($0.story.id, $0) }) { first, _ in first }
    }

    /// After the stage that forms stories: a story holding members of an
    /// earlier story keeps that story's id and gets a ``Story/continuation``;
    /// the carried members leave the batch, so the digest shows what is new.
    /// What a reader sees of the story (headline, outlets, dates) is the
    /// story-forming stage's, which derives it from today's members.
    static func continueStories(in batch: inout Batch, open: [String: StoredStory], runDate: String) {
        let carried = Dictionary(
            batch.documents.compactMap { document in
                document.carriedFromStory.map { (document.id, $0) }
            }
        ) { first, _ in first }
        guard !carried.isEmpty else { return }
        var renamed: [String: String] = [:]
        var stories: [Story] = []
        var claimed: Set<String> = []
        for var story in batch.stories {
            var votes: [String: Int] = [:]
            for member in story.members {
                if let earlier = carried[member] { votes[earlier, default: 0] += 1 }
            }
            story.members.removeAll { carried[$0] != nil }
            guard !story.members.isEmpty else { continue }
            let choice = votes.filter { !claimed.contains($0.key) }.sorted { lhs, rhs in
                let left = open[lhs.key]?.firstRun ?? "", right = open[rhs.key]?.firstRun ?? ""
                return (-lhs.value, left, lhs.key) < (-rhs.value, right, rhs.key)
            }.first?.key
            if let choice, let earlier = open[choice] {
                claimed.insert(choice)
                renamed[story.id] = choice
                story.id = choice
                story.continuation = Story.Continuation(
                    day: Self.days(from: earlier.firstRun, to: runDate) + 1, firstRun: earlier.firstRun,
                    earlierArticles: earlier.members.count)
            }
            stories.append(story)
        }
        batch.stories = stories
        batch.carriedOver.openStories = quiet(open, continued: claimed)
        batch.documents.removeAll { carried[$0.id] != nil }
        for index in batch.documents.indices {
            if let story = batch.documents[index].story, let new = renamed[story] {
                batch.documents[index].story = new
            }
        }
    }

    /// The open stories no document of this run continued, most recently seen first.
    static func quiet(_ open: [String: StoredStory], continued: Set<String>) -> [Story] {
        open.values.filter { !continued.contains($0.story.id) }.map(\.story).sorted { a, b in
            let aLast = a.lastSeen ?? .distantPast, bLast = b.lastSeen ?? .distantPast
            return aLast != bLast ? aLast > bLast : a.id < b.id
        }
    }

    /// Whole days from one `YYYY-MM-DD` to another (0 when either is not a date).
    static func days(from start: String, to end: String) -> Int {
        guard let first = Timestamp.parse(start), let last = Timestamp.parse(end) else { return 0 }
        return max(0, Int((last.timeIntervalSince(first) / 86_400).rounded()))
    }
}
