import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState
import Testing

/// What every ``StateStore`` must do, written once and run against each store:
/// the SQLite store always, the PostgreSQL store when a server is given
/// (`PIPE_TEST_POSTGRES_URL`, as Tests/scripts/postgres.sh sets it).
///
/// Each check makes its own store through `open`; every one works under its own
/// pipeline name, so checks sharing one PostgreSQL database never see each other's rows.
struct StoreConformance: Sendable {
    /// A new handle on the store under test: the same store for one check, each call its own connections
    /// (as separate processes have), each opened without the run lock.
    let open: @Sendable () async throws -> OpenedTestStore
    let pipeline = "conformance-\(UUID().uuidString.prefix(8).lowercased())"

    func run(_ date: String) -> RunKey { RunKey(pipeline: pipeline, date: date) }

    static func document(_ id: String, title: String, day: String = "2026-11-19") -> Document {
        Document(
            id: id, source: "inbox/\(id).txt", raw: "raw \(id)", title: title, published: Timestamp.parse(day),
            text: ["First paragraph of \(id).", "Second."],
            trace: [TraceEntry(stage: "lines", outcome: .kept, duration: .zero)])
    }

    static func finished(_ run: RunKey, documents: [Document], rejects: [Reject] = [], stories: [Story] = [])
        -> FinishedRun
    {
        let processed = Dictionary((documents.map(\.id) + rejects.map(\.id)).map { ($0, "h-" + $0) }) { first, _ in
            first
        }
        return FinishedRun(
            run: run, processed: processed, documents: documents, rejects: rejects, stories: stories,
            report: .object([("date", .string(run.date))]))
    }

    // MARK: Checks

    func priorWorkByID() async throws {
        let handle = try await open()
        let store = handle.store
        let ids = (0..<1_200).map { String(format: "doc-%04d", $0) }
        let dayOne = run("2026-11-19"), dayTwo = run("2026-11-20")
        try await store.finishRun(
            FinishedRun(
                run: dayOne, processed: Dictionary(uniqueKeysWithValues: ids.map { ($0, "h-" + $0) }),
                documents: [], rejects: [], stories: [], report: .object([])))
        let finished = ids.suffix(700).map {
            Checkpoint(
                id: $0, hash: "new-" + $0, fingerprint: "f", outcome: .success(Document(id: $0, source: $0, raw: "x")))
        }
        try await store.saveCheckpoints(finished, run: dayTwo)

        let asked = ids + ["never-seen"]
        let found = try await store.priorWork(for: asked, run: dayTwo, fingerprint: "f")
        #expect(found.count == 1_200)
        #expect(found["never-seen"] == nil)
        #expect(found["doc-0000"]?.seen == SeenDocument(hash: "h-doc-0000", firstRun: "2026-11-19"))
        #expect(found["doc-0000"]?.checkpoint == nil)
        #expect(found["doc-1199"]?.checkpoint?.hash == "new-doc-1199")
        #expect(ids.filter { found[$0]?.checkpoint != nil }.count == 700)
        let otherBuild = try await store.priorWork(for: asked, run: dayTwo, fingerprint: "g")
        #expect(otherBuild.count == 1_200)
        #expect(otherBuild.values.allSatisfy { $0.checkpoint == nil && $0.seen != nil })
        #expect(
            try await store.priorWork(for: ids, run: dayOne, fingerprint: "f").isEmpty,
            "a run does not see its own date as earlier")
        #expect(try await store.priorWork(for: [], run: dayTwo, fingerprint: "f").isEmpty)
        // Another pipeline in the same store sees none of it.
        #expect(
            try await store.priorWork(
                for: ids, run: RunKey(pipeline: pipeline + "-other", date: "2026-11-20"), fingerprint: "f"
            ).isEmpty)
        // A later date's run: first_run stays the earliest date.
        try await store.finishRun(Self.finished(dayTwo, documents: [Self.document("doc-0001", title: "again")]))
        let later = try await store.priorWork(for: ["doc-0001"], run: run("2026-11-21"), fingerprint: "f")
        #expect(later["doc-0001"]?.seen == SeenDocument(hash: "h-doc-0001", firstRun: "2026-11-19"))
        await handle.close()
    }

    func checkpointsIdempotent() async throws {
        let handle = try await open()
        let store = handle.store
        let day = run("2026-11-20")
        let kept = Self.document("a", title: "Ports: cranes")
        let reject = Reject(id: "b", source: "inbox/b.txt", stage: "lines", kind: .dropped, reason: "too little text")
        let batch = [
            Checkpoint(id: "a", hash: "ha", fingerprint: "f", outcome: .success(kept)),
            Checkpoint(id: "b", hash: "hb", fingerprint: "f", outcome: .failure(reject)),
        ]
        try await store.saveCheckpoints(batch, run: day)
        try await store.saveCheckpoints(batch, run: day)
        var found = try await store.priorWork(for: ["a", "b"], run: day, fingerprint: "f")
        #expect(found.count == 2)
        let document = try #require(try found["a"]?.checkpoint?.outcome.get())
        #expect(document.title == "Ports: cranes")
        #expect(document.text == kept.text)
        #expect(document.published == kept.published)
        #expect(document.trace == kept.trace)
        guard case let .failure(stored)? = found["b"]?.checkpoint?.outcome else {
            Issue.record("the reject was not kept as one")
            return
        }
        #expect(stored == reject)

        // A later save of an id replaces it; within one batch the last one of an id wins.
        let changed = Self.document("a", title: "Ports: more cranes")
        try await store.saveCheckpoints(
            [
                Checkpoint(id: "a", hash: "old", fingerprint: "f", outcome: .success(kept)),
                Checkpoint(id: "a", hash: "ha2", fingerprint: "f", outcome: .success(changed)),
                Checkpoint(
                    id: "b", hash: "hb2", fingerprint: "f",
                    outcome: .success(Self.document("b", title: "now kept"))),
            ], run: day)
        found = try await store.priorWork(for: ["a", "b"], run: day, fingerprint: "f")
        #expect(found["a"]?.checkpoint?.hash == "ha2")
        #expect((try? found["a"]?.checkpoint?.outcome.get())?.title == "Ports: more cranes")
        #expect((try? found["b"]?.checkpoint?.outcome.get())?.title == "now kept")
        #expect(try await store.saveCheckpoints([], run: day) == ())

        // Finishing the date keeps its checkpoints (a rerun resumes from them); finishing a later date drops them.
        try await store.finishRun(Self.finished(day, documents: [changed]))
        #expect(try await store.priorWork(for: ["a"], run: day, fingerprint: "f")["a"]?.checkpoint != nil)
        try await store.finishRun(Self.finished(run("2026-11-21"), documents: []))
        #expect(
            try await store.priorWork(for: ["a", "b"], run: day, fingerprint: "f").values.allSatisfy {
                $0.checkpoint == nil
            })
        await handle.close()
    }

    func openStoriesWindow() async throws {
        let handle = try await open()
        let store = handle.store
        let old = run("2026-11-10"), recent = run("2026-11-18"), today = run("2026-11-20")
        let a = Self.document("a", title: "Ports: a", day: "2026-11-10"),
            b = Self.document("b", title: "Ports: b", day: "2026-11-10")
        let c = Self.document("c", title: "Chips: c", day: "2026-11-18"),
            d = Self.document("d", title: "Chips: d", day: "2026-11-18")
        let ports = Story(id: "story-ports", members: ["b", "a"], headline: "Ports", outlets: ["x.test"])
        let chips = Story(id: "story-chips", members: ["c", "d"], headline: "Chips")
        try await store.finishRun(Self.finished(old, documents: [a, b], stories: [ports]))
        try await store.finishRun(Self.finished(recent, documents: [c, d], stories: [chips]))

        let window3 = try await store.openStories(before: today, windowDays: 3)
        #expect(window3.map(\.story.id) == ["story-chips"])
        #expect(window3.first?.firstRun == "2026-11-18")
        #expect(window3.first?.members.map(\.id) == ["c", "d"])
        #expect(window3.first?.members.first?.title == "Chips: c")
        #expect(window3.first?.members.first?.raw == nil, "stored documents do not keep their raw input")
        #expect(window3.first?.story.headline == "Chips")

        let window10 = try await store.openStories(before: today, windowDays: 10)
        #expect(window10.map(\.story.id) == ["story-chips", "story-ports"])
        #expect(window10.last?.members.map(\.id) == ["a", "b"], "members come in id order")
        #expect(window10.last?.story.outlets == ["x.test"])
        // A story is not "earlier" on its own date, nor are members added that day or later.
        #expect(try await store.openStories(before: recent, windowDays: 10).map(\.story.id) == ["story-ports"])

        // A member added on a later date keeps an old story open from that date on.
        let e = Self.document("e", title: "Ports: e", day: "2026-11-19")
        var continued = ports
        continued.members = ["e"]
        continued.headline = "Ports again"
        try await store.finishRun(Self.finished(run("2026-11-19"), documents: [e], stories: [continued]))
        let after = try await store.openStories(before: today, windowDays: 3)
        #expect(after.map(\.story.id) == ["story-chips", "story-ports"])
        #expect(after.last?.firstRun == "2026-11-10")
        #expect(after.last?.members.map(\.id) == ["a", "b", "e"])
        #expect(after.last?.story.headline == "Ports again", "the latest run's story replaces the stored one")
        await handle.close()
    }

    func finishRunIsOneTransaction() async throws {
        let handle = try await open()
        let store = handle.store
        let day = run("2026-11-19")
        let a = Self.document("a", title: "Ports: a")
        // The same document twice cannot be recorded: the whole run is refused, and none of it is kept.
        await #expect(throws: (any Error).self) {
            try await store.finishRun(
                Self.finished(
                    day, documents: [a, Self.document("b", title: "b"), a],
                    stories: [Story(id: "s", members: ["a", "b"], headline: "S")]))
        }
        let next = run("2026-11-20")
        #expect(try await store.priorWork(for: ["a", "b"], run: next, fingerprint: "f").isEmpty)
        #expect(try await store.openStories(before: next, windowDays: 3).isEmpty)
        #expect(try await store.lineage(of: "a", pipeline: pipeline).isEmpty)
        // The store still works, and the same run recorded right is kept whole.
        try await store.finishRun(
            Self.finished(
                day, documents: [a, Self.document("b", title: "b")],
                stories: [Story(id: "s", members: ["a", "b"], headline: "S")]))
        #expect(try await store.priorWork(for: ["a", "b"], run: next, fingerprint: "f").count == 2)
        #expect(try await store.openStories(before: next, windowDays: 3).map(\.story.id) == ["s"])
        // Recording the same date again replaces that date's records rather than adding to them.
        try await store.finishRun(Self.finished(day, documents: [a], stories: []))
        #expect(try await store.lineage(of: "b", pipeline: pipeline).isEmpty)
        #expect(try await store.lineage(of: "a", pipeline: pipeline).count == 1)
        await handle.close()
    }

    func lineage() async throws {
        let handle = try await open()
        let store = handle.store
        let a = Self.document("a", title: "Ports: a")
        let dropped = Reject(id: "x", source: "inbox/x.txt", stage: "lines", kind: .dropped, reason: "too little text")
        let unknown = Reject(
            id: "never-read", source: "elsewhere", stage: "read", kind: .unreadable, reason: "not processed")
        try await store.finishRun(
            Self.finished(
                run("2026-11-19"), documents: [a], rejects: [dropped],
                stories: [Story(id: "story-a", members: ["a"], headline: "Ports")]))
        var again = a
        again.title = "Ports: a, updated"
        let second = FinishedRun(
            run: run("2026-11-20"), processed: ["a": "h2"], documents: [again], rejects: [unknown], stories: [],
            report: .object([]))
        try await store.finishRun(second)

        let records = try await store.lineage(of: "a", pipeline: pipeline)
        #expect(records.map(\.date) == ["2026-11-20", "2026-11-19"], "newest first")
        #expect(records.first?.document?.title == "Ports: a, updated")
        #expect(records.first?.story == nil)
        #expect(records.last?.story == "story-a")
        #expect(records.last?.storyHeadline == "Ports")
        #expect(records.last?.document?.trace.map(\.stage) == ["lines"])
        #expect(try await store.lineage(of: "inbox/a.txt", pipeline: pipeline).count == 2, "found by source too")
        let rejected = try await store.lineage(of: "x", pipeline: pipeline)
        #expect(rejected.first?.reject == dropped)
        #expect(rejected.first?.document == nil)
        #expect(try await store.lineage(of: "never-read", pipeline: pipeline).first?.reject == unknown)
        #expect(try await store.lineage(of: "a", pipeline: pipeline + "-other").isEmpty)
        await handle.close()
    }

    func validators() async throws {
        let handle = try await open()
        let store = handle.store
        #expect(try store.validators(pipeline: pipeline).isEmpty)
        let feed = RememberedValidators(
            validators: Validators(etag: "\"f1\"", lastModified: "Thu, 19 Nov 2026 06:00:00 GMT"),
            record: "fetch-2026-11-20.warc.gz@0")
        let page = RememberedValidators(validators: Validators(etag: "\"p1\""), record: "fetch-2026-11-20.warc.gz@812")
        try store.saveValidators(["http://a.test/feed.xml": feed, "http://a.test/page": page], pipeline: pipeline)
        try store.saveValidators(["http://a.test/feed.xml": page], pipeline: pipeline + "-other")
        #expect(
            try store.validators(pipeline: pipeline) == ["http://a.test/feed.xml": feed, "http://a.test/page": page])

        let newer = RememberedValidators(
            validators: Validators(lastModified: "Fri, 20 Nov 2026 06:00:00 GMT"),
            record: "fetch-2026-11-21.warc.gz@0")
        let gone = RememberedValidators(validators: Validators(), record: "fetch-2026-11-21.warc.gz@900")
        try store.saveValidators(["http://a.test/feed.xml": newer, "http://a.test/page": gone], pipeline: pipeline)
        #expect(try store.validators(pipeline: pipeline) == ["http://a.test/feed.xml": newer])
        #expect(try store.validators(pipeline: pipeline + "-other") == ["http://a.test/feed.xml": page])
        await handle.close()
        // Another handle on the same store (another process, another day) sees them.
        let reopened = try await open()
        #expect(try reopened.store.validators(pipeline: pipeline) == ["http://a.test/feed.xml": newer])
        await reopened.close()
    }

    /// Ids are kept exactly, whatever they hold: PostgreSQL text cannot hold U+0000, which a JSON `id` may.
    func unusualIDs() async throws {
        let handle = try await open()
        let store = handle.store
        let ids = ["nul\u{0}inside", "\u{1}starts-with-one", "%41 percent", "plain", "e\u{301}\u{1}", "\u{1}\u{301}"]
        let day = run("2026-11-19"), next = run("2026-11-20")
        try await store.saveCheckpoints(
            ids.enumerated().map { index, id in
                Checkpoint(
                    id: id, hash: "h\(index)", fingerprint: "f",
                    outcome: .success(Document(id: id, source: id, title: id)))
            }, run: day)
        let resumed = try await store.priorWork(for: ids, run: day, fingerprint: "f")
        #expect(Set(resumed.keys) == Set(ids))
        #expect(
            ids.enumerated().allSatisfy { index, id in
                resumed[id]?.checkpoint?.hash == "h\(index)"
                    && (try? resumed[id]?.checkpoint?.outcome.get())?.title == id
            })
        let documents = ids.map { Document(id: $0, source: "src/" + $0, title: $0) }
        try await store.finishRun(
            Self.finished(
                day, documents: documents,
                stories: [Story(id: "story\u{0}x", members: ids, headline: "head\u{0}line")]))
        let seen = try await store.priorWork(for: ids + ["nul"], run: next, fingerprint: "f")
        #expect(Set(seen.keys) == Set(ids))
        let record = try await store.lineage(of: "src/nul\u{0}inside", pipeline: pipeline)
        #expect(record.first?.id == "nul\u{0}inside")
        #expect(record.first?.source == "src/nul\u{0}inside")
        #expect(record.first?.story == "story\u{0}x")
        #expect(record.first?.storyHeadline == "head\u{0}line")
        let open = try await store.openStories(before: next, windowDays: 3)
        #expect(open.map(\.story.id) == ["story\u{0}x"])
        #expect(Set(open.first?.members.map(\.id) ?? []) == Set(ids))
        await handle.close()
    }

    /// Writers with handles of their own (as shard processes have) save checkpoints for disjoint
    /// ids at once, in many small batches, while others rewrite a shared set: nothing lost, nothing doubled.
    func concurrentWriters() async throws {
        let writers = 6, batches = 20, perBatch = 16
        let day = run("2026-11-20")
        // The store is made first; the SQLite store cannot be made by several openers at once (it refuses a
        // file whose tables another opener is creating as "another program's"), a limit for shards to know.
        let first = try await open()
        let handles = try await withThrowingTaskGroup(of: OpenedTestStore.self) { group in
            for _ in 1..<writers { group.addTask { try await open() } }
            return try await group.reduce(into: [first]) { $0.append($1) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, handle) in handles.enumerated() {
                group.addTask {
                    for batch in 0..<batches {
                        let ids = (0..<perBatch).map { "w\(writer)-\(String(format: "%04d", batch * perBatch + $0))" }
                        var checkpoints = ids.map { id in
                            Checkpoint(
                                id: id, hash: "h-\(id)", fingerprint: "f",
                                outcome: .success(Document(id: id, source: id, title: id)))
                        }
                        // Everyone also rewrites the same few ids, as a shard rerun after a crash would.
                        checkpoints.append(
                            Checkpoint(
                                id: "shared-\(batch % 4)", hash: "shared", fingerprint: "f",
                                outcome: .success(Document(id: "shared-\(batch % 4)", source: "s"))))
                        try await handle.store.saveCheckpoints(checkpoints, run: day)
                    }
                }
            }
            try await group.waitForAll()
        }
        let expected = (0..<writers).flatMap { writer in
            (0..<(batches * perBatch)).map { "w\(writer)-\(String(format: "%04d", $0))" }
        }
        let reader = handles[0].store
        let found = try await reader.priorWork(
            for: expected + (0..<4).map { "shared-\($0)" }, run: day, fingerprint: "f")
        #expect(found.count == expected.count + 4)
        #expect(
            expected.allSatisfy { id in
                found[id]?.checkpoint?.hash == "h-\(id)" && (try? found[id]?.checkpoint?.outcome.get())?.title == id
            })
        for handle in handles { await handle.close() }
    }

    /// The runner on top of the store: the next day skips what the first processed and continues its story.
    func dailyRuns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipe-conformance-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ files: [String: String]) throws {
            let inbox = folder.appendingPathComponent("inbox")
            try? FileManager.default.removeItem(at: inbox)
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(to: inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        func runPipeline(_ date: String) async throws -> (RunReport, String) {
            // The `path` only switches state on for the plan; the store under test is passed in.
            let yaml =
                "name: \(pipeline)\ninput: inbox\noutput: out\nstate: {path: unused.sqlite, window_days: 2}\nstages: [lines, topics, listing]\n"
            let registry = StageRegistry([LinesStage.self, TopicStage.self, ListingStage.self])
            let loaded = try PipelineLoader(registry: registry).load(
                source: yaml, file: folder.appendingPathComponent("s.yaml"))
            let handle = try await open()
            let report = try await Runner(
                pipeline: loaded,
                options: RunOptions(
                    date: date, jobs: 2, state: handle.store,
                    buildFingerprint: "test")
            ).run()
            await handle.close()
            return (
                report,
                try String(contentsOf: folder.appendingPathComponent("out/listing-\(date).txt"), encoding: .utf8)
            )
        }
        try write(StateStoreTests.dayOne)
        let (first, _) = try await runPipeline("2026-11-19")
        #expect(first.skippedSeen == 0)
        var dayTwo = StateStoreTests.dayOne
        dayTwo["d.txt"] = "Ports: first crane arrives\nThe first crane is on the quay."
        try write(dayTwo)
        let (second, listing) = try await runPipeline("2026-11-20")
        #expect(second.skippedSeen == 3)
        #expect(
            listing == "doc d.txt story=story-a.txt+b.txt title=Ports: first crane arrives\n"
                + "story story-a.txt+b.txt members=d.txt continuing_day=2 earlier_articles=2 first_run=\"2026-11-19\"\n"
        )
        let (again, relisting) = try await runPipeline("2026-11-20")
        #expect(again.resumed == 1, "a rerun of the date takes its document from the checkpoint")
        #expect(relisting == listing)
    }
}

/// A store under test and how to let go of it.
struct OpenedTestStore: Sendable {
    let store: any StateStore & ValidatorStore
    let close: @Sendable () async -> Void
}

// MARK: - SQLite

@Suite("State store conformance: SQLite")
struct SQLiteConformanceTests {
    let checks: StoreConformance

    init() {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-\(UUID().uuidString).sqlite")
        checks = StoreConformance(open: {
            OpenedTestStore(store: try SQLiteStateStore(url: file), close: {})
        })
    }

    @Test("priorWork looks ids up by batch (over 1,000), earlier dates by hash, checkpoints by fingerprint")
    func priorWork() async throws { try await checks.priorWorkByID() }
    @Test("checkpoints: saving again changes nothing, the last save of an id wins, a later date's run drops them")
    func checkpoints() async throws { try await checks.checkpointsIdempotent() }
    @Test("openStories: stories of earlier dates last seen within the window, with their members")
    func openStories() async throws { try await checks.openStoriesWindow() }
    @Test("finishRun keeps all of a run or none of it")
    func finishRun() async throws { try await checks.finishRunIsOneTransaction() }
    @Test("lineage lists each run's record of an id or source, newest first")
    func lineage() async throws { try await checks.lineage() }
    @Test("validators are kept per pipeline and URL, replaced, forgotten when empty")
    func validators() async throws { try await checks.validators() }
    @Test("ids holding U+0000, U+0001 or % are kept exactly")
    func unusualIDs() async throws {
        // GRDB binds text up to its first U+0000: "a\u{0}b" is stored as "a". Found by this suite; not fixed here.
        await withKnownIssue("the SQLite store cuts text at U+0000") { try await checks.unusualIDs() }
    }
    @Test("several writers save checkpoints for disjoint ids at once: nothing lost, nothing doubled")
    func concurrentWriters() async throws { try await checks.concurrentWriters() }
    @Test("daily runs through the runner: skip what was seen, continue the story, resume a rerun")
    func dailyRuns() async throws { try await checks.dailyRuns() }
}

// MARK: - PostgreSQL

/// The server the PostgreSQL checks use: `PIPE_TEST_POSTGRES_URL`, e.g. postgres://pipe@127.0.0.1:54329/pipe_test.
enum PostgresTestServer {
    static let variable = "PIPE_TEST_POSTGRES_URL"
    static var url: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }
}

#if Postgres
    @Suite(
        "State store conformance: PostgreSQL",
        .enabled(
            if: PostgresTestServer.url != nil,
            "set PIPE_TEST_POSTGRES_URL to a server's database to run (Tests/scripts/postgres.sh does)"))
    struct PostgresConformanceTests {
        let checks: StoreConformance

        init() throws {
            let url = try PostgresURL(parsing: PostgresTestServer.url ?? "postgres://unset@localhost/unset")
            checks = StoreConformance(open: {
                let store = try await PostgresStateStore.open(url, runLock: nil)
                return OpenedTestStore(store: store, close: { await store.close() })
            })
        }

        @Test("priorWork looks ids up by batch (over 1,000), earlier dates by hash, checkpoints by fingerprint")
        func priorWork() async throws { try await checks.priorWorkByID() }
        @Test("checkpoints: saving again changes nothing, the last save of an id wins, a later date's run drops them")
        func checkpoints() async throws { try await checks.checkpointsIdempotent() }
        @Test("openStories: stories of earlier dates last seen within the window, with their members")
        func openStories() async throws { try await checks.openStoriesWindow() }
        @Test("finishRun keeps all of a run or none of it")
        func finishRun() async throws { try await checks.finishRunIsOneTransaction() }
        @Test("lineage lists each run's record of an id or source, newest first")
        func lineage() async throws { try await checks.lineage() }
        @Test("validators are kept per pipeline and URL, replaced, forgotten when empty")
        func validators() async throws { try await checks.validators() }
        @Test("ids holding U+0000, U+0001 or % are kept exactly")
        func unusualIDs() async throws { try await checks.unusualIDs() }
        @Test("several writers save checkpoints for disjoint ids at once: nothing lost, nothing doubled")
        func concurrentWriters() async throws { try await checks.concurrentWriters() }
        @Test("daily runs through the runner: skip what was seen, continue the story, resume a rerun")
        func dailyRuns() async throws { try await checks.dailyRuns() }

        @Test(
            "one run at a time per pipeline: a second run waits, then refuses; shards and other pipelines are not held up"
        )
        func runLock() async throws {
            let url = try PostgresURL(parsing: try #require(PostgresTestServer.url))
            let pipeline = checks.pipeline
            let first = try await PostgresStateStore.open(
                url, runLock: .init(pipeline: pipeline, wait: 0), applicationName: "pipe 4242@test-host")
            #expect(first.runLock?.isHeld == true)

            let told = Told()
            let started = ContinuousClock.now
            await #expect {
                _ = try await PostgresStateStore.open(
                    url, runLock: .init(pipeline: pipeline, wait: 0.5) { told.add($0) })
            } throws: { error in
                "\(error)".contains("another pipe run (process 4242 on test-host) is running `\(pipeline)`")
                    && "\(error)".contains("gave up after waiting 0.5 s") && error is PostgresRunLock.Busy
            }
            #expect(ContinuousClock.now - started >= .milliseconds(500))
            #expect(told.lines.count == 1)
            #expect(told.lines.first?.contains("waiting up to 0.5 s") == true)

            // A shard of the running run opens the store without the lock and writes.
            let shard = try await PostgresStateStore.open(url, runLock: nil)
            try await shard.saveCheckpoints(
                [Checkpoint(id: "s", hash: "h", fingerprint: "f", outcome: .success(Document(id: "s", source: "s")))],
                run: RunKey(pipeline: pipeline, date: "2026-11-20"))
            await shard.close()
            // Another pipeline in the same database runs meanwhile.
            let other = try await PostgresStateStore.open(url, runLock: .init(pipeline: pipeline + "-other", wait: 0))
            await other.close()

            // A waiting run gets the lock once the first lets go.
            Task {
                try await Task.sleep(for: .milliseconds(300))
                await first.close()
            }
            let second = try await PostgresStateStore.open(url, runLock: .init(pipeline: pipeline, wait: 10))
            #expect(second.runLock?.isHeld == true)
            await second.close()
        }

        @Test(
            "a run that lost its lock's session records nothing and says so, while the run that took the lock goes on")
        func lostLock() async throws {
            let url = try PostgresURL(parsing: try #require(PostgresTestServer.url))
            let pipeline = checks.pipeline + "-lost"
            let day = RunKey(pipeline: pipeline, date: "2026-11-20")
            let first = try await PostgresStateStore.open(url, runLock: .init(pipeline: pipeline, wait: 0))
            // The lock's session ends under the run (a server restart, a dropped connection): the
            // run is not told, and another run may now take the lock.
            await first.runLock?.release()
            let second = try await PostgresStateStore.open(url, runLock: .init(pipeline: pipeline, wait: 0))
            await #expect {
                try await first.finishRun(
                    StoreConformance.finished(day, documents: [StoreConformance.document("lost", title: "L")]))
            } throws: { error in
                "\(error)".contains("lost its lock on `\(pipeline)`")
                    && "\(error)".contains("nothing of this run was recorded")
            }
            let next = RunKey(pipeline: pipeline, date: "2026-11-21")
            #expect(try await second.priorWork(for: ["lost"], run: next, fingerprint: "f").isEmpty)
            // The run holding the lock records as usual.
            try await second.finishRun(
                StoreConformance.finished(day, documents: [StoreConformance.document("kept", title: "K")]))
            #expect(try await second.priorWork(for: ["kept"], run: next, fingerprint: "f").count == 1)
            await first.close()
            await second.close()
        }

        @Test("a server that is not there, or a database that is not ours, is an error in words, naming no password")
        func unreachable() async throws {
            let url = try PostgresURL(parsing: try #require(PostgresTestServer.url))
            var closed = url
            closed.port = 1
            closed.password = "s3cret-word"
            await #expect {
                _ = try await PostgresStateStore.open(closed, runLock: nil)
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix(
                    "state store postgres://\(url.user)@\(url.host):1/\(url.database): cannot connect")
                    && !text.contains("s3cret-word")
            }
            var missing = url
            missing.database = "no_such_database_\(UUID().uuidString.prefix(6).lowercased())"
            await #expect {
                _ = try await PostgresStateStore.open(missing, runLock: nil)
            } throws: { error in
                "\(error)".contains("the server says: database \"\(missing.database)\" does not exist")
            }
        }
    }

    /// Lines a waiting run was told.
    final class Told: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [String] = []
        func add(_ line: String) { lock.withLock { kept.append(line) } }
        var lines: [String] { lock.withLock { kept } }
    }
#else
    @Suite("State store conformance: PostgreSQL")
    struct PostgresConformanceTests {
        @Test(
            "the PostgreSQL store",
            .disabled("this build has no PostgreSQL store: swift test --traits Postgres (Tests/scripts/postgres.sh)"))
        func unavailable() {}
    }
#endif
