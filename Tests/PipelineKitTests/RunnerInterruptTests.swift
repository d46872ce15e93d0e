import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Writes the document count to `out/count.txt` the way export stages write (staged renames).
struct WriteCount: BatchStage {
    static let name = "write-count"
    static let abstract = "Writes how many documents there are."
    init(options: NoOptions, context: StageSetup) {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        let url = context.baseDirectory.appendingPathComponent("out/count.txt")
        try OutputFile.write("\(batch.documents.count)\n", to: url, staging: context.outputs)
        context.outputs.record(url)
    }
}

/// Raises the run's cancellation flag, as Ctrl-C would in the middle of the exports.
struct Interrupt: BatchStage {
    static let name = "interrupt"
    static let abstract = "Interrupts the run."
    init(options: NoOptions, context: StageSetup) {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        context.cancellation.cancel(exitStatus: 143)
    }
}

/// Appends a line to `out/log.txt` in place, as the SQLite digest updates its file.
struct UpdateInPlace: BatchStage {
    static let name = "update-in-place"
    static let abstract = "Appends to a file in place."
    init(options: NoOptions, context: StageSetup) {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        let url = context.baseDirectory.appendingPathComponent("out/log.txt")
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("run\n".utf8))
        try handle.close()
        context.outputs.recordInPlace(url)
    }
}

@Suite("Runner: interrupted and empty runs")
struct RunnerInterruptTests {
    static let loader = PipelineLoader(
        registry: StageRegistry([Upcase.self, WriteCount.self, Interrupt.self, UpdateInPlace.self]))

    func run(_ folder: URL, stages: String) async throws -> RunReport {
        let yaml = "name: t\ninput: inbox\noutput: out\nstages:\n" + stages
        let pipeline = try Self.loader.load(source: yaml, file: folder.appendingPathComponent("t.yaml"))
        return try await Runner(pipeline: pipeline, options: RunOptions(date: "2026-11-20", jobs: 2)).run()
    }

    @Test("interrupted during the exports: none of the run's renamed files lands, the old ones stay whole")
    func interruptedExportsWriteNothing() async throws {
        let folder = try temporaryFolder()
        try folder.write("inbox/a.txt", "alpha")
        try folder.write("out/count.txt", "old\n")
        let report = try await run(folder, stages: "  - upcase\n  - write-count\n  - interrupt\n  - write-count\n")
        #expect(report.interrupted)
        #expect(report.exitStatus == 143)
        #expect(report.outputs.isEmpty)
        #expect(try String(contentsOf: folder.appendingPathComponent("out/count.txt"), encoding: .utf8) == "old\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path) == [
                "count.txt"
            ])
    }

    @Test("interrupted after a file was updated in place: the report names exactly that file, and only it")
    func interruptedAfterInPlaceUpdate() async throws {
        let folder = try temporaryFolder()
        try folder.write("inbox/a.txt", "alpha")
        try folder.write("out/log.txt", "")
        let report = try await run(folder, stages: "  - write-count\n  - update-in-place\n  - interrupt\n")
        #expect(report.interrupted)
        #expect(report.outputs == [PipelineLoader.displayPath(folder.appendingPathComponent("out/log.txt"))])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/count.txt").path))
    }

    @Test("a finished run renames its staged files into place")
    func finishedRunCommits() async throws {
        let folder = try temporaryFolder()
        try folder.write("inbox/a.txt", "alpha")
        try folder.write("inbox/b.txt", "bravo")
        let report = try await run(folder, stages: "  - upcase\n  - write-count\n")
        #expect(report.exitStatus == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("out/count.txt"), encoding: .utf8) == "2\n")
    }

    @Test("a run that reads no document says so, exits 4 and leaves the previous outputs as they are")
    func noDocuments() async throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try folder.write("out/count.txt", "7\n")
        let report = try await run(folder, stages: "  - upcase\n  - write-count\n")
        #expect(report.noDocuments)
        #expect(report.exitStatus == 4)
        #expect(try String(contentsOf: folder.appendingPathComponent("out/count.txt"), encoding: .utf8) == "7\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path) == [
                "count.txt"
            ])
    }
}
