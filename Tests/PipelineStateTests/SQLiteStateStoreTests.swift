import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState
import Testing

/// A first line becomes the title, the rest the text; counts nothing itself:
/// the run report's stage statistics say how many documents it processed.
struct LinesStage: DocumentStage {
    struct Options: StageOptions {
        var stopAfter = 0
        static let declarations: [OptionDeclaration<Options>] = [
            .init("stop_after", \.stopAfter, help: "Cancel the run after this many documents (0: never).")
        ]
    }

    static let name = "lines"
    static let abstract = "Title from the first line, text from the rest."
    static let contract = StageContract(requires: [.raw], produces: [.text, .title])
    let options: Options
    let seen = Seen()

    init(options: Options, context: StageSetup) throws { self.options = options }

    func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        let lines = (document.raw ?? "").split(separator: "\n").map(String.init)
        document.title = lines.first
        document.text = Array(lines.dropFirst())
        if lines.count < 2 { return .drop(reason: "too little text") }
        if options.stopAfter > 0, seen.next() >= options.stopAfter { context.cancellation.cancel() }
        return .keep
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int {
            lock.withLock {
                count += 1
                return count
            }
        }
    }
}

/// Stories by the title's first word: "Ports: …" articles form one story.
struct TopicStage: BatchStage {
    struct Options: StageOptions {
        static let declarations: [OptionDeclaration<Options>] = []
    }

    static let name = "topics"
    static let abstract = "Stories by the first word of the title."
    static let contract = StageContract(requires: [.title], produces: [.story])
    init(options: Options, context: StageSetup) throws {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        let groups = Dictionary(grouping: batch.documents.indices) {
            batch.documents[$0].title?.split(separator: ":").first.map(String.init) ?? ""
        }
        for (topic, indices) in groups.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let members = indices.map { batch.documents[$0].id }.sorted()
            let id = "story-" + members.joined(separator: "+")
            batch.stories.append(Story(id: id, members: members, headline: topic))
            for index in indices { batch.documents[index].story = id }
        }
    }
}

/// Writes the batch as a plain listing: documents with their story, stories with members and attributes.
struct ListingStage: BatchStage {
    struct Options: StageOptions {
        static let declarations: [OptionDeclaration<Options>] = []
    }

    static let name = "listing"
    static let abstract = "A plain listing of the batch."
    init(options: Options, context: StageSetup) throws {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        var out = ""
        for document in batch.documents {
            out += "doc \(document.id) story=\(document.story ?? "-") title=\(document.title ?? "")\n"
        }
        for story in batch.stories.sorted(by: { $0.id < $1.id }) {
            let attributes = story.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.compact)" }
            out +=
                "story \(story.id) members=\(story.members.joined(separator: ",")) \(attributes.joined(separator: " "))\n"
        }
        try OutputFile.write(out, to: context.outputDirectory.appendingPathComponent("listing-\(context.runDate).txt"))
    }
}

@Suite("State store", .serialized)
struct StateStoreTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipe-state-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ files: [String: String]) throws {
        let inbox = folder.appendingPathComponent("inbox")
        try? FileManager.default.removeItem(at: inbox)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func run(_ date: String, stages: String = "[lines, topics, listing]", reprocess: Bool = false) async throws
        -> RunReport
    {
        let yaml =
            "name: s\ninput: inbox\noutput: out\nstate: {path: state/s.sqlite, window_days: 2}\nstages: \(stages)\n"
        let registry = StageRegistry([LinesStage.self, TopicStage.self, ListingStage.self])
        let pipeline = try PipelineLoader(registry: registry).load(
            source: yaml, file: folder.appendingPathComponent("s.yaml"))
        let store = try SQLiteStateStore(url: try #require(pipeline.stateURL))
        let options = RunOptions(date: date, jobs: 2, state: store, reprocess: reprocess, buildFingerprint: "test")
        return try await Runner(pipeline: pipeline, options: options).run()
    }

    func listing(_ date: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("out/listing-\(date).txt"), encoding: .utf8)
    }

    func processed(_ report: RunReport) -> Int {
        report.stages.first { $0.name == "lines" }?.input ?? -1
    }

    static let dayOne = [
        "a.txt": "Ports: cranes ordered\nTwelve electric cranes.",
        "b.txt": "Ports: union wants retraining\nDrivers ask for courses.",
        "c.txt": "Chips: new accelerator\nA chip for data centres.",
    ]

    @Test("the next day skips unchanged documents, reprocesses changed ones and continues yesterday's story")
    func incremental() async throws {
        try write(Self.dayOne)
        let first = try await run("2026-11-19")
        #expect(processed(first) == 3)
        #expect(try listing("2026-11-19").contains("story story-a.txt+b.txt members=a.txt,b.txt \n"))

        var dayTwo = Self.dayOne
        dayTwo["c.txt"] = "Chips: new accelerator\nA chip for data centres, now with prices."
        dayTwo["d.txt"] = "Ports: first crane arrives\nThe first crane is on the quay."
        try write(dayTwo)
        let second = try await run("2026-11-20")
        #expect(second.skippedSeen == 2)
        #expect(processed(second) == 2)
        let text = try listing("2026-11-20")
        // d.txt joined a.txt and b.txt: the story keeps its id, shows only what is new, and says which day it is on.
        #expect(text.contains("doc d.txt story=story-a.txt+b.txt"))
        #expect(
            text.contains(
                "story story-a.txt+b.txt members=d.txt continuing_day=2 earlier_articles=2 first_run=\"2026-11-19\"\n"))
        #expect(!text.contains("doc a.txt"))
        #expect(text.contains("doc c.txt story=-"))

        let everything = try await run("2026-11-21", reprocess: true)
        #expect(everything.skippedSeen == 0)
        #expect(processed(everything) == 4)
    }

    @Test("stories older than the window are not continued")
    func window() async throws {
        try write(Self.dayOne)
        _ = try await run("2026-11-10")
        try write([
            "d.txt": "Ports: first crane arrives\nThe first crane is on the quay.",
            "e.txt": "Ports: second crane\nAnother one.",
        ])
        _ = try await run("2026-11-20")
        let text = try listing("2026-11-20")
        #expect(text.contains("story story-d.txt+e.txt members=d.txt,e.txt \n"))
        #expect(!text.contains("continuing_day"))
    }

    @Test("an interrupted run resumes from its checkpoints and ends as an uninterrupted one would")
    func resume() async throws {
        var files: [String: String] = [:]
        for index in 0..<60 {
            files[String(format: "n%02d.txt", index)] =
                "\(index % 2 == 0 ? "Ports" : "Chips"): item \(index)\nBody \(index)."
        }
        try write(files)
        let interrupted = try await run("2026-11-20", stages: "[{lines: {stop_after: 40}}, topics, listing]")
        #expect(interrupted.interrupted)
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/listing-2026-11-20.txt").path))

        let resumed = try await run("2026-11-20", stages: "[{lines: {stop_after: 40}}, topics, listing]")
        #expect(!resumed.interrupted)
        #expect(
            resumed.resumed >= 32,
            "checkpoints are written in groups of 16; at least the first 32 finished ones were saved")
        #expect(processed(resumed) + resumed.resumed == 60)
        let after = try listing("2026-11-20")

        // The same inbox run once, from nothing, in a fresh folder.
        let fresh = try StateStoreTests()
        try fresh.write(files)
        _ = try await fresh.run("2026-11-20")
        #expect(try fresh.listing("2026-11-20") == after)
    }

    @Test("a rerun of the same date takes every document from its checkpoints and gives the same output")
    func rerun() async throws {
        try write(Self.dayOne)
        _ = try await run("2026-11-19")
        let before = try listing("2026-11-19")
        let again = try await run("2026-11-19")
        #expect(again.resumed == 3)
        #expect(processed(again) == 0)
        #expect(try listing("2026-11-19") == before)
    }

    @Test("lineage lists each run's result for an id or source, newest first")
    func lineage() async throws {
        try write(Self.dayOne.merging(["x.txt": "only a title"]) { $1 })
        _ = try await run("2026-11-19")
        let store = try SQLiteStateStore(url: folder.appendingPathComponent("state/s.sqlite"))
        let records = try await store.lineage(of: "a.txt", pipeline: "s")
        #expect(records.count == 1)
        #expect(records.first?.story == "story-a.txt+b.txt")
        #expect(records.first?.storyHeadline == "Ports")
        #expect(records.first?.document?.trace.map(\.stage) == ["lines", "topics", "listing"])
        let dropped = try await store.lineage(of: "x.txt", pipeline: "s")
        #expect(dropped.first?.reject?.reason == "too little text")
        #expect(dropped.first?.reject?.stage == "lines")
        #expect(try await store.lineage(of: "nothing.txt", pipeline: "s").isEmpty)
    }

    @Test(
        "lookups by id: an earlier date's documents by hash, this date's checkpoints only with the same fingerprint, more ids than one query holds"
    )
    func priorWork() async throws {
        let store = try SQLiteStateStore(url: folder.appendingPathComponent("lookups.sqlite"))
        let ids = (0..<1_200).map { String(format: "doc-%04d", $0) }
        let dayOne = RunKey(pipeline: "p", date: "2026-11-19")
        let dayTwo = RunKey(pipeline: "p", date: "2026-11-20")
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
        // Another build or other options: no checkpoint is valid.
        let otherBuild = try await store.priorWork(for: asked, run: dayTwo, fingerprint: "g")
        #expect(otherBuild.values.allSatisfy { $0.checkpoint == nil && $0.seen != nil })
        // The run of the same date did not see them "earlier".
        let sameDay = try await store.priorWork(for: ids, run: dayOne, fingerprint: "f")
        #expect(sameDay.isEmpty)
        #expect(try await store.priorWork(for: [], run: dayTwo, fingerprint: "f").isEmpty)
    }

    @Test("a state store that cannot answer stops the run before anything is written")
    func unreadableStore() async throws {
        try write(Self.dayOne)
        let yaml =
            "name: s\ninput: inbox\noutput: out\nstate: {path: state/s.sqlite}\nstages: [lines, topics, listing]\n"
        let registry = StageRegistry([LinesStage.self, TopicStage.self, ListingStage.self])
        let pipeline = try PipelineLoader(registry: registry).load(
            source: yaml, file: folder.appendingPathComponent("s.yaml"))
        let options = RunOptions(date: "2026-11-19", jobs: 2, state: UnreadableStore())
        await #expect(throws: StateLookupError.self) { try await Runner(pipeline: pipeline, options: options).run() }
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/listing-2026-11-19.txt").path))
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/s-2026-11-19.report.json").path))
    }

    @Test(
        "the plan: read, the leading document stages while reading, batch steps with what they write, story steps only with state"
    )
    func plan() throws {
        try write([:])
        let yaml =
            "name: s\ninput: inbox\noutput: out\nstate: {path: state/s.sqlite}\nstages: [lines, topics, listing]\n"
        let registry = StageRegistry([LinesStage.self, TopicStage.self, ListingStage.self])
        let pipeline = try PipelineLoader(registry: registry).load(
            source: yaml, file: folder.appendingPathComponent("s.yaml"))
        #expect(
            RunPlan(pipeline: pipeline, keepsState: true).steps == [
                .read(inputs: ["inbox"]), .documents(positions: 0..<1, whileReading: true), .carryStories,
                .batch(position: 1, writes: nil), .continueStories(after: 1), .batch(position: 2, writes: nil), .finish,
            ])
        #expect(
            RunPlan(pipeline: pipeline, keepsState: false).steps == [
                .read(inputs: ["inbox"]), .documents(positions: 0..<1, whileReading: true),
                .batch(position: 1, writes: nil), .batch(position: 2, writes: nil), .finish,
            ])
        // A document stage after a batch stage runs over the batch, not while reading.
        let later = try PipelineLoader(registry: registry).load(
            source: "name: s\ninput: inbox\noutput: out\nstages: [listing, lines]\n",
            file: folder.appendingPathComponent("t.yaml"))
        #expect(
            RunPlan(pipeline: later, keepsState: false).steps == [
                .read(inputs: ["inbox"]), .batch(position: 0, writes: nil),
                .documents(positions: 1..<2, whileReading: false), .finish,
            ])
    }
}

/// A store whose every lookup fails, as a database that went away would.
struct UnreadableStore: StateStore {
    struct Gone: Error {}
    func priorWork(for ids: [String], run: RunKey, fingerprint: String) async throws -> [String: PriorWork] {
        throw Gone()
    }
    func saveCheckpoints(_ checkpoints: [Checkpoint], run: RunKey) async throws { throw Gone() }
    func openStories(before run: RunKey, windowDays: Int) async throws -> [StoredStory] { throw Gone() }
    func finishRun(_ run: FinishedRun) async throws { throw Gone() }
    func lineage(of idOrSource: String, pipeline: String) async throws -> [LineageRecord] { throw Gone() }
}
