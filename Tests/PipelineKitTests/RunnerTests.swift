import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Runner")
struct RunnerTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("runner")
        try folder.write("inbox/a.txt", "alpha")
        try folder.write("inbox/b.txt", "bravo FAIL here")
        try folder.write("inbox/c.txt", "charlie DROP me")
        try folder.write("inbox/d.txt", "delta")
        try folder.write("inbox/e.bin.txt", Data([0, 1, 2, 3]))
    }

    func run(_ stages: String, cancel: Bool = false, jobs: Int = 2) async throws -> (RunReport, URL) {
        let yaml = "name: t\ninput: inbox\noutput: reports\nstages:\n" + stages
        let pipeline = try TestStages.loader().load(source: yaml, file: folder.appendingPathComponent("t.yaml"))
        let flag = CancellationFlag()
        if cancel { flag.cancel() }
        let report = try await Runner(
            pipeline: pipeline, options: RunOptions(date: "2026-11-20", jobs: jobs, cancellation: flag)
        ).run()
        return (report, folder.appendingPathComponent("reports"))
    }

    @Test("a failing or dropping document is set aside; the others and the run go on")
    func isolation() async throws {
        let (report, reports) = try await run("  - upcase\n  - fail-on\n  - collect\n")
        #expect(report.documents == 2)
        #expect(report.stories == 1)
        #expect(report.exitStatus == 3)
        let failOn = try #require(report.stages.first { $0.name == "fail-on" })
        #expect((failOn.input, failOn.output, failOn.dropped, failOn.failed) == (4, 2, 1, 1))
        let upcase = try #require(report.stages.first { $0.name == "upcase" })
        #expect((upcase.input, upcase.output) == (4, 4))

        let lines = try String(
            contentsOf: reports.appendingPathComponent("t-2026-11-20.rejects.jsonl"), encoding: .utf8
        )
        .split(separator: "\n").map { try JSONValue.parse($0) }
        #expect(lines.count == 3)
        let bySource = Dictionary(uniqueKeysWithValues: lines.map { ($0["source"]?.stringValue ?? "", $0) })
        #expect(bySource["b.txt"]?["stage"] == "fail-on")
        #expect(bySource["b.txt"]?["kind"] == "failed")
        #expect(bySource["b.txt"]?["reason"] == "boom: cannot handle this one")
        #expect(bySource["c.txt"]?["kind"] == "dropped")
        #expect(bySource["c.txt"]?["reason"] == "asked to be dropped")
        #expect(bySource["e.bin.txt"]?["stage"] == "read")

        let runReport = try JSONValue.parse(
            String(contentsOf: reports.appendingPathComponent("t-2026-11-20.report.json"), encoding: .utf8))
        #expect(runReport["documents_read"] == 4)
        #expect(runReport["exit_status"] == 3)
        #expect(runReport["rejects"]?["failed"] == 1)
    }

    @Test("the report file gives the run's total time, not 0")
    func reportTotalTime() async throws {
        let (report, reports) = try await run("  - upcase\n  - collect\n")
        let written = try JSONValue.parse(
            String(contentsOf: reports.appendingPathComponent("t-2026-11-20.report.json"), encoding: .utf8))
        let seconds: Double
        switch written["total_seconds"] {
        case let .double(value)?: seconds = value
        case let .int(value)?: seconds = Double(value)
        default:
            Issue.record("no total_seconds in the report file")
            return
        }
        #expect(seconds > 0)
        #expect(seconds <= report.totalSeconds + 0.001)
    }

    @Test("batch stages are offered the run's --jobs, one thread included")
    func batchStagesGetJobs() async throws {
        JobsProbe.seen.withLock { $0.removeAll() }
        _ = try await run("  - upcase\n  - jobs-probe\n", jobs: 1)
        _ = try await run("  - upcase\n  - jobs-probe\n", jobs: 3)
        #expect(JobsProbe.seen.withLock { $0 } == [1, 3])
    }

    @Test("documents keep a trace of the stages they passed")
    func trace() async throws {
        let yaml = "input: inbox\nstages: [upcase, upcase]\n"
        let pipeline = try TestStages.loader().load(source: yaml, file: folder.appendingPathComponent("t.yaml"))
        var batch = Batch(documents: [Document(id: "x", source: "x", raw: "hi")])
        let segment = DocumentSegment(
            stages: try pipeline.steps.map { step in
                guard case let .document(stage) = try step.instantiate(StageSetup(baseDirectory: folder)) else {
                    throw CancellationError()
                }
                return (step, stage)
            },
            context: StageContext(
                pipelineName: "t", runDate: "2026-11-20", baseDirectory: folder, outputDirectory: folder),
            jobs: 1)
        batch.documents = segment.run(batch.documents).kept
        #expect(batch.documents[0].trace.map(\.stage) == ["upcase", "upcase"])
        #expect(batch.documents[0].trace.allSatisfy { $0.outcome == .kept })
        #expect(batch.documents[0].text == ["HI"])
    }

    @Test("a batch stage that throws is reported and the run continues with the batch as it was")
    func batchFailure() async throws {
        let (report, _) = try await run("  - upcase\n  - explode\n  - collect\n")
        #expect(report.exitStatus == 1)
        #expect(report.failedStages.map(\.name) == ["explode"])
        #expect(report.failedStages.first?.error == "exploded on purpose")
        // explode removed every document before throwing; the runner restored them.
        #expect(report.documents == 4)
        #expect(report.stories == 1)
    }

    @Test("an interrupted run writes nothing")
    func interrupted() async throws {
        let (report, reports) = try await run("  - upcase\n  - collect\n", cancel: true)
        #expect(report.interrupted)
        #expect(report.exitStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: reports.path))
    }

    @Test("a clean run exits 0 and still writes an empty rejects file")
    func cleanRun() async throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent("inbox"))
        try folder.write("inbox/ok.txt", "fine")
        let (report, reports) = try await run("  - upcase\n")
        #expect(report.exitStatus == 0)
        let rejects = try String(
            contentsOf: reports.appendingPathComponent("t-2026-11-20.rejects.jsonl"), encoding: .utf8)
        #expect(rejects.isEmpty)
    }
}

@Suite("Output files")
struct OutputFileTests {
    let folder: URL
    let context: StageContext

    init() throws {
        folder = try temporaryFolder("output")
        context = StageContext(
            pipelineName: "daily", runDate: "2026-11-20", baseDirectory: folder, outputDirectory: folder)
    }

    @Test("placeholders are filled and relative paths start at the pipeline folder")
    func placeholders() throws {
        let url = try OutputFile.resolve("out/{name}/{date}.{format}", format: "json", context: context)
        #expect(url.path == folder.appendingPathComponent("out/daily/2026-11-20.json").path)
    }

    @Test("a placeholder cannot lead outside its folder")
    func escape() {
        let sneaky = StageContext(
            pipelineName: "..", runDate: "2026-11-20", baseDirectory: folder, outputDirectory: folder)
        #expect(throws: OutputFile.Failure.self) {
            try OutputFile.resolve("out/{name}/x.md", format: "markdown", context: sneaky)
        }
        #expect(throws: OutputFile.Failure.self) {
            try OutputFile.resolve("out/{unknown}.md", format: "markdown", context: context)
        }
        // A path the user wrote with `..` (no placeholder) is theirs to choose.
        #expect(throws: Never.self) {
            try OutputFile.resolve("../elsewhere/{date}.md", format: "markdown", context: context)
        }
    }

    @Test("--output sends the file into its folder under its own name")
    func override() throws {
        var redirected = context
        redirected.outputOverride = folder.appendingPathComponent("elsewhere")
        let url = try OutputFile.resolve("out/{name}-{date}.md", format: "markdown", context: redirected)
        #expect(url.path == folder.appendingPathComponent("elsewhere/daily-2026-11-20.md").path)
    }

    @Test("writes create folders, replace atomically and leave no temporary files")
    func atomicWrite() throws {
        let target = folder.appendingPathComponent("deep/er/file.txt")
        try OutputFile.write("first", to: target)
        try OutputFile.write("second", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "second")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["file.txt"]
        )
    }

    @Test("an unwritable path is a clear error")
    func unwritable() throws {
        try folder.write("blocker", "a file where a folder should be")
        do {
            try OutputFile.write("x", to: folder.appendingPathComponent("blocker/out.md"))
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.contains("cannot create folder"))
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("dir.md"), withIntermediateDirectories: true)
        #expect(throws: OutputFile.Failure.self) {
            try OutputFile.write("x", to: folder.appendingPathComponent("dir.md"))
        }
    }
}
