import Foundation
import PipeSupport
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// A run cut into map steps (one per rank) and a reduce step gives what one process gives.
@Suite("Sharded runs")
struct ShardedRunTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("shards")
        for index in 0..<40 {
            try folder.write(
                "inbox/\(["wire", "post", "ledger"][index % 3])/item-\(index).txt", "article \(index) text")
        }
        try folder.write("inbox/post/fails.txt", "this one FAILs")
        try folder.write("inbox/post/drops.txt", "this one wants DROP")
        try folder.write("inbox/bad.txt", Data([0xFF, 0xFE, 0x00, 0x01]))
        // The same id twice: the first by input order is kept, the other set aside naming it.
        try folder.write("inbox/twin.txt", "first twin")
        try folder.write("inbox/twin.txt.gz", GzipTests.gzip(Data("second twin".utf8)))
    }

    static let stages = "  - upcase\n  - fail-on\n  - collect\n  - batch-dump\n"

    func pipeline() throws -> Pipeline {
        try TestStages.loader().load(
            source: "name: t\ninput: inbox\noutput: out\nstages:\n" + Self.stages,
            file: folder.appendingPathComponent("t.yaml"))
    }

    func options(output: String, shard: ShardRole? = nil) -> RunOptions {
        var options = RunOptions(date: "2026-11-20", jobs: 2, output: folder.appendingPathComponent(output))
        options.shard = shard
        return options
    }

    /// The files a run left in `output`, report excepted (it holds timings).
    func outputs(_ output: String) throws -> [String: Data] {
        let url = folder.appendingPathComponent(output)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where !name.hasSuffix(".report.json")
        {
            files[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return files
    }

    @Test("every rank's map step, then the reduce, write the bytes one process writes", arguments: [1, 2, 3, 7])
    func sameOutputs(world: Int) async throws {
        let pipeline = try pipeline()
        let whole = try await Runner(pipeline: pipeline, options: options(output: "one")).run()
        let work = ShardWork(world: world, folder: folder.appendingPathComponent("work-\(world)"))
        try work.claim(ShardWork.Identity(pipeline: "t", date: "2026-11-20", world: world, fingerprint: "f"))
        var read = 0
        for rank in (0..<world).reversed() {
            let map = try await Runner(
                pipeline: pipeline, options: options(output: "unused", shard: .map(rank: rank, work: work))
            ).run()
            read += map.documentsRead
        }
        // A map step resolves duplicate ids within its share only: twins in two shards are both
        // read there and one set aside by the reduce, as one process sets it aside.
        let apart = ShardWork.rank(of: "twin.txt", world: world) != ShardWork.rank(of: "twin.txt.gz", world: world)
        #expect(read == whole.documentsRead + (apart ? 1 : 0))
        #expect(work.missingRanks().isEmpty)
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("unused").path),
            "a map step wrote outputs")
        let reduced = try await Runner(
            pipeline: pipeline, options: options(output: "sharded-\(world)", shard: .reduce(work))
        ).run()
        let expected = try outputs("one"), got = try outputs("sharded-\(world)")
        #expect(expected.keys.sorted() == ["batch.txt", "t-2026-11-20.rejects.jsonl"])
        #expect(got == expected)
        #expect(
            String(decoding: expected["t-2026-11-20.rejects.jsonl"]!, as: UTF8.self).contains("duplicate id `twin.txt`")
        )
        #expect(
            (reduced.documents, reduced.documentsRead, reduced.rejects.count, reduced.files, reduced.bytes)
                == (whole.documents, whole.documentsRead, whole.rejects.count, whole.files, whole.bytes))
        #expect(
            reduced.stages.map { [$0.input, $0.output, $0.dropped, $0.failed] }
                == whole.stages.map { [$0.input, $0.output, $0.dropped, $0.failed] })
        #expect(reduced.exitStatus == whole.exitStatus)
    }

    @Test("a unit's rank depends on its name only, and every rank gets a share")
    func ranks() {
        let names = (0..<500).map { "site-\($0 % 7)/2026-11-\($0 % 28)/page-\($0).html" }
        let ranks = names.map { ShardWork.rank(of: $0, world: 7) }
        #expect(ranks == names.map { ShardWork.rank(of: $0, world: 7) })
        #expect(Set(ranks) == Set(0..<7))
        #expect(ranks.allSatisfy { (0..<7).contains($0) })
        #expect(names.allSatisfy { ShardWork.rank(of: $0, world: 1) == 0 })
        // Listed in another order, each name keeps its rank.
        let shuffled = Dictionary(uniqueKeysWithValues: names.reversed().map { ($0, ShardWork.rank(of: $0, world: 7)) })
        #expect(zip(names, ranks).allSatisfy { shuffled[$0.0] == $0.1 })
    }

    @Test("a work folder made for another run is refused; the same run's is taken again")
    func identity() throws {
        let work = ShardWork(world: 3, folder: folder.appendingPathComponent("claimed"))
        let identity = ShardWork.Identity(pipeline: "t", date: "2026-11-20", world: 3, fingerprint: "abc")
        try work.claim(identity)
        try work.claim(identity)
        var other = identity
        other.date = "2026-11-21"
        #expect(throws: ShardWork.Failure.self) { try work.claim(other) }
        do {
            try work.claim(other)
        } catch {
            #expect("\(error)".contains("belongs to another run"))
        }
    }

    @Test("a shard without its marker, or damaged after it, is not done, and the reduce will not read it")
    func damagedShard() async throws {
        let pipeline = try pipeline()
        let work = ShardWork(world: 2, folder: folder.appendingPathComponent("damaged"))
        for rank in 0..<2 {
            _ = try await Runner(
                pipeline: pipeline, options: options(output: "unused", shard: .map(rank: rank, work: work))
            ).run()
        }
        #expect(work.missingRanks().isEmpty)
        let handle = try FileHandle(forWritingTo: work.shardFile(1))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        #expect(work.missingRanks() == [1])
        unlink(work.marker(0).path)
        #expect(work.missingRanks() == [0, 1])
        await #expect(throws: ShardWork.Failure.self) {
            _ = try await Runner(pipeline: pipeline, options: options(output: "never", shard: .reduce(work))).run()
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("never/batch.txt").path))
    }

    /// `count` units named `unit-N`, unit N holding one document of `size(N)` letters.
    static func units(_ count: Int, size: @escaping @Sendable (Int) -> Int) -> DocumentUnits {
        DocumentUnits(names: (0..<count).map { "unit-\($0)" }) { index in
            // Letters from a small generator, so the JSON does not compress to nothing.
            var state = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            var letters = [UInt8](repeating: 0, count: size(index))
            for position in letters.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                letters[position] = UInt8(97 + (state >> 33) % 26)
            }
            let text = String(decoding: letters, as: UTF8.self)
            return UnitContent(
                documents: [Document(id: "doc-\(index)", source: "unit-\(index)", raw: text, mediaType: .text)],
                bytes: text.utf8.count)
        }
    }

    static func phase(_ units: DocumentUnits, jobs: Int = 2) -> DocumentPhase {
        DocumentPhase(
            units: units, segment: nil, state: nil, jobs: jobs, progress: SilentProgress(),
            cancellation: CancellationFlag())
    }

    @Test("a map step's units go to its sink in input order as they finish, and none stay in the step")
    func sinkOrder() async throws {
        // Uneven units on 3 workers finish out of order; the sink still sees them in order.
        let units = Self.units(60) { ($0 * 7_919) % 13 * 2_000 + 10 }
        let given = Locked<[Int]>([])
        let mine = Array(stride(from: 1, to: 60, by: 2))
        let partial = try await Self.phase(units, jobs: 3).process(mine) { unit, processed in
            #expect(processed.content.documents.map(\.id) == ["doc-\(unit)"])
            given.withLock { $0.append(unit) }
        }
        #expect(given.withLock { $0 } == mine)
        #expect(partial.units.isEmpty)
    }

    @Test("a sink that fails stops the workers and its error is thrown; the writer leaves no file behind")
    func sinkFailure() async throws {
        struct DiskFull: Error {}
        let units = Self.units(200) { _ in 10 }
        let calls = Locked(0)
        await #expect(throws: DiskFull.self) {
            try await Self.phase(units).process(Array(0..<200)) { _, _ in
                calls.withLock { $0 += 1 }
                throw DiskFull()
            }
        }
        #expect(calls.withLock { $0 } == 1)

        let work = ShardWork(world: 1, folder: folder.appendingPathComponent("abandoned"))
        let writer = try work.shardWriter(rank: 0, names: units.names)
        try writer.append(unit: 0, processed: DocumentPhase.Processed(content: units.read(0)))
        writer.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.folder.path).isEmpty)
        #expect(work.missingRanks() == [0])
    }

    @Test("a shard of several megabytes is written a member at a time and read back whole, summary last")
    func largeShard() throws {
        // About 3.5 MB of JSON: at least three gzip members of a megabyte each.
        let units = Self.units(35) { _ in 100_000 }
        let work = ShardWork(world: 1, folder: folder.appendingPathComponent("large"))
        let writer = try work.shardWriter(rank: 0, names: units.names)
        for index in 0..<35 {
            try writer.append(unit: index, processed: DocumentPhase.Processed(content: units.read(index)))
        }
        try writer.finish(tallies: [], state: nil)
        #expect(work.missingRanks().isEmpty)
        let file = try Data(contentsOf: work.shardFile(0))
        // Each member opens with zlib's gzip header (no name, no time, Unix).
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
        var members = 0
        var start = file.startIndex
        while let found = file[start...].firstRange(of: header) {
            members += 1
            start = found.upperBound
        }
        #expect(members >= 3)
        #expect(file.count < 3_500_000 * 3 / 4, "letters compress to well under their JSON")
        let read = try work.readShard(0)
        #expect(read.partial.units.count == 35)
        #expect(read.partial.units[34]?.content.documents.first?.raw == units.read(34).documents.first?.raw)
        #expect(read.names[0] == "unit-0")
        guard case let .success(lines) = Gzip.streaming(file, limit: Int.max) else {
            Issue.record("the shard is not gzip")
            return
        }
        let last = lines.split(separator: 0x0A).last.map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(last.hasPrefix("{\"summary\":"))
    }
}
