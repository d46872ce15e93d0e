import Foundation
import Synchronization
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// WARC files through the runner: the report's counts, sharding, the stages.
@Suite("WARC runs")
struct WARCRunTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("warcruns")
        // Three crawl files (one plain, two gzipped), pages failing, dropping and repeating across files.
        for file in 0..<3 {
            var records = [WARCFixture.warcinfo()]
            for page in 0..<12 {
                let uri = "https://news.example/\(file)/\(page)"
                records += [WARCFixture.request(uri), WARCFixture.page(uri, "story \(file) \(page)")]
            }
            records.append(WARCFixture.page("https://news.example/shared", "captured by crawl \(file)"))
            records.append(WARCFixture.page("https://news.example/\(file)/fails", "this one FAILs"))
            records.append(WARCFixture.page("https://news.example/\(file)/drops", "this one wants DROP"))
            records.append(WARCFixture.metadata("https://news.example/\(file)/0"))
            try WARCFixture.write(records, to: "inbox/crawl-\(file).warc" + (file == 0 ? "" : ".gz"), in: folder)
        }
    }

    func pipeline() throws -> Pipeline {
        try TestStages.loader().load(
            source: "name: t\ninput: inbox\noutput: out\nstages:\n" + ShardedRunTests.stages,
            file: folder.appendingPathComponent("t.yaml"))
    }

    func options(output: String, shard: ShardRole? = nil) -> RunOptions {
        var options = RunOptions(date: "2026-11-20", jobs: 2, output: folder.appendingPathComponent(output))
        options.shard = shard
        return options
    }

    @Test("the report counts WARC records by kind; the pages go through the stages")
    func reportCounts() async throws {
        let report = try await Runner(pipeline: pipeline(), options: options(output: "one")).run()
        // 3 × (12 pages + shared + fails + drops); two of the three `shared` captures are duplicates.
        #expect(report.documentsRead == 3 * 15 - 2)
        #expect(report.documents == 3 * 13 - 2)
        let warc = try #require(report.warc)
        #expect(warc.documents == 45)
        #expect(warc.skipped == ["request": 36, "warcinfo": 3, "metadata": 3])
        let json = report.json
        #expect(json["warc"]?["documents"] == .int(45))
        #expect(json["warc"]?["skipped"]?["request"] == .int(36))
        // Placed after `skipped_files`, so reports of other runs keep their shape.
        guard case let .object(fields) = json else {
            Issue.record("report is not an object")
            return
        }
        let keys = fields.map(\.0)
        #expect(keys.firstIndex(of: "warc") == keys.firstIndex(of: "skipped_files").map { $0 + 1 })
        let batch = try String(contentsOf: folder.appendingPathComponent("one/batch.txt"), encoding: .utf8)
        #expect(batch.contains("https://news.example/2/11\t<HTML><BODY><P>STORY 2 11</P></BODY></HTML>\tall"))
        // The first capture of the shared address by input order (crawl-0.warc) is the one kept.
        #expect(batch.contains("CAPTURED BY CRAWL 0"))
        #expect(!batch.contains("CAPTURED BY CRAWL 1"))
        let rejects = report.rejects.map(\.reason)
        #expect(rejects.contains("duplicate id `https://news.example/shared` (first read from crawl-0.warc)"))
    }

    @Test("a run without WARC input has no `warc` field in its report")
    func noWARCNoField() async throws {
        let plain = try temporaryFolder("nowarc")
        try plain.write("inbox/a.txt", "article text")
        let pipeline = try TestStages.loader().load(
            source: "name: t\ninput: inbox\noutput: out\nstages:\n  - upcase\n  - collect\n",
            file: plain.appendingPathComponent("t.yaml"))
        let report = try await Runner(
            pipeline: pipeline,
            options: RunOptions(date: "2026-11-20", jobs: 2, output: plain.appendingPathComponent("out"))
        ).run()
        #expect(report.warc == nil)
        #expect(report.json["warc"] == nil)
    }

    @Test("sharded, WARC files are shared out whole and the outputs are one process's bytes", arguments: [2, 3])
    func sharded(world: Int) async throws {
        let pipeline = try pipeline()
        let whole = try await Runner(pipeline: pipeline, options: options(output: "one")).run()
        let work = ShardWork(world: world, folder: folder.appendingPathComponent("work-\(world)"))
        try work.claim(ShardWork.Identity(pipeline: "t", date: "2026-11-20", world: world, fingerprint: "f"))
        for rank in 0..<world {
            _ = try await Runner(
                pipeline: pipeline, options: options(output: "unused", shard: .map(rank: rank, work: work))
            ).run()
        }
        let reduced = try await Runner(
            pipeline: pipeline, options: options(output: "sharded-\(world)", shard: .reduce(work))
        ).run()
        for name in ["batch.txt", "t-2026-11-20.rejects.jsonl"] {
            let one = try Data(contentsOf: folder.appendingPathComponent("one/\(name)"))
            let sharded = try Data(contentsOf: folder.appendingPathComponent("sharded-\(world)/\(name)"))
            #expect(one == sharded, "\(name)")
        }
        #expect(reduced.warc == whole.warc)
        #expect(reduced.json["warc"] == whole.json["warc"])
        #expect(
            (reduced.documents, reduced.documentsRead, reduced.bytes) == (
                whole.documents, whole.documentsRead, whole.bytes
            ))
    }
}

/// Counts the documents it sees and raises the run's cancellation flag at the first, as Ctrl-C would.
struct InterruptAtFirst: DocumentStage {
    static let seen = Mutex(0)
    static let name = "interrupt-at-first"
    static let abstract = "Interrupts the run at its first document."
    init(options: NoOptions, context: StageSetup) {}

    func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        Self.seen.withLock { $0 += 1 }
        context.cancellation.cancel(exitStatus: 130)
        return .keep
    }
}

@Suite("WARC runs: interrupted")
struct WARCInterruptTests {
    @Test("an interrupted run stops reading a crawl file at the end of the batch, not of the file")
    func stopsBetweenBatches() async throws {
        let folder = try temporaryFolder("warcinterrupt")
        try WARCFixture.write(
            (0..<300).map { WARCFixture.page("https://a.example/\($0)", "page \($0)") }, to: "inbox/big.warc.gz",
            in: folder)
        let pipeline = try PipelineLoader(registry: StageRegistry([InterruptAtFirst.self, Collect.self])).load(
            source: "name: t\ninput: inbox\noutput: out\nstages:\n  - interrupt-at-first\n  - collect\n",
            file: folder.appendingPathComponent("t.yaml"))
        let report = try await Runner(
            pipeline: pipeline,
            options: RunOptions(date: "2026-11-20", jobs: 1, output: folder.appendingPathComponent("out"))
        ).run()
        #expect(report.interrupted)
        #expect(InterruptAtFirst.seen.withLock { $0 } == WARCDocuments.batchSize)
    }
}

/// Remembers every progress update of the reading phase.
final class RecordedProgress: ProgressReporter, @unchecked Sendable {
    private let updates = Mutex<[(done: Int, total: Int, partly: Double)]>([])
    var seen: [(done: Int, total: Int, partly: Double)] { updates.withLock { $0 } }

    func update(stage: String, done: Int, total: Int) {
        update(stage: stage, done: done, total: total, partly: 0)
    }

    func update(stage: String, done: Int, total: Int, partly: Double) {
        if stage.hasPrefix("read") { updates.withLock { $0.append((done, total, partly)) } }
    }

    func finish(stage: String) {}
}

@Suite("WARC runs: progress")
struct WARCProgressTests {
    @Test("a crawl file read for long shows how far it is, not 0 of 1 until it ends")
    func partlyRead() async throws {
        let folder = try temporaryFolder("warcprogress")
        // 400 pages of 4 KB that gzip cannot shrink much: a file of several of the reader's 256 KiB reads.
        let pages = (0..<400).map { index in
            // Scrambled numbers as words: no two alike, so gzip finds little to share.
            let words = (0..<500).map {
                String((UInt64(index) << 32 | UInt64($0)) &* 0x9E37_79B9_7F4A_7C15 >> 24, radix: 36)
            }
            return WARCFixture.page("https://a.example/\(index)", words.joined(separator: " "))
        }
        try WARCFixture.write(pages, to: "inbox/big.warc.gz", in: folder)
        let pipeline = try TestStages.loader().load(
            source: "name: t\ninput: inbox\noutput: out\nstages:\n  - upcase\n",
            file: folder.appendingPathComponent("t.yaml"))
        let progress = RecordedProgress()
        let report = try await Runner(
            pipeline: pipeline,
            options: RunOptions(
                date: "2026-11-20", jobs: 1, output: folder.appendingPathComponent("out"), progress: progress)
        ).run()
        #expect(report.documents == 400)
        let seen = progress.seen
        let underWay = seen.filter { $0.done == 0 }.map(\.partly)
        // One update per batch of 64 pages while the file is read, each further on, none past the end.
        #expect(underWay.count == (400 + WARCDocuments.batchSize - 1) / WARCDocuments.batchSize)
        #expect(underWay == underWay.sorted())
        #expect(Set(underWay.filter { $0 > 0 && $0 < 1 }).count >= 2)
        #expect(underWay.allSatisfy { $0 <= 1 })
        // Then the file is done: 1 of 1, nothing under way.
        #expect(seen.last.map { [$0.done, $0.total] } == [1, 1])
        #expect(seen.last?.partly == 0)
    }
}
