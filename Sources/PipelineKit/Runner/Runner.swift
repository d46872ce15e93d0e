import Foundation
import Logging

/// How to run a pipeline.
public struct RunOptions: Sendable {
    /// The digest's date, `YYYY-MM-DD`.
    public var date: String
    /// Threads for reading and document stages.
    public var jobs: Int
    /// Replaces the pipeline's input path (relative to the working directory).
    public var input: String?
    /// Sends every output file into this folder.
    public var output: URL?
    public var logger: Logger
    public var progress: ProgressReporter
    public var cancellation: CancellationFlag
    /// The pipeline's state store, opened by the caller from its `state:` section.
    public var state: (any StateStore)?
    /// Process every document again, even those an earlier day or a crashed run finished.
    public var reprocess: Bool
    /// Identifies the program build; checkpoints from another build are not reused.
    public var buildFingerprint: String
    /// Seconds to wait for another run holding a file this run updates in place (`--wait`).
    public var lockWait: Double = RunLock.defaultWait
    /// Documents from the web (the pipeline's `input.feeds`, `sitemaps`, `urls`), beside those of the input path.
    public var documentSource: (any DocumentSource)?

    public init(date: String = Timestamp.day(Date()), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                input: String? = nil, output: URL? = nil, logger: Logger = Logger(label: "pipe"),
                progress: ProgressReporter = SilentProgress(), cancellation: CancellationFlag = CancellationFlag(),
                state: (any StateStore)? = nil, reprocess: Bool = false, buildFingerprint: String = "") {
        self.state = state
        self.reprocess = reprocess
        self.buildFingerprint = buildFingerprint
        self.date = date
        self.jobs = max(1, jobs)
        self.input = input
        self.output = output
        self.logger = logger
        self.progress = progress
        self.cancellation = cancellation
    }
}

/// A stage could not be set up; nothing was read or written.
public struct StageSetupError: Error, CustomStringConvertible {
    public let stage: String
    public let location: SourceLocation
    public let underlying: any Error
    public var description: String { "\(location): error: stage `\(stage)` could not start: \(underlying)" }
}

/// Runs a validated pipeline: reads the input, passes documents through the
/// stages, sets aside what fails, writes the rejects file and run report.
public struct Runner: Sendable {
    public let pipeline: Pipeline
    public let options: RunOptions

    public init(pipeline: Pipeline, options: RunOptions) {
        self.pipeline = pipeline
        self.options = options
    }

    /// The folder for the rejects file and run report.
    public var reportDirectory: URL { options.output ?? pipeline.outputDirectory }

    public func run() async throws -> RunReport {
        let started = ContinuousClock.now
        let inputPath = options.input ?? pipeline.input.path
        let inputBase = options.input != nil ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : pipeline.baseDirectory
        var report = RunReport(pipeline: pipeline.name, date: options.date, input: inputPath)
        let outputs = OutputLog()
        var context = StageContext(
            pipelineName: pipeline.name, runDate: options.date, baseDirectory: pipeline.baseDirectory,
            outputDirectory: reportDirectory, outputOverride: options.output, logger: options.logger,
            progress: options.progress, cancellation: options.cancellation, outputs: outputs, jobs: options.jobs)
        context.lockWait = options.lockWait
        // Files written by rename land together at the end, so an interrupted run leaves none of them.
        outputs.defersRenames = true
        defer {
            outputs.discard()
            outputs.releaseLocks()
        }

        let stages = try StageSequence(
            steps: pipeline.steps, setup: StageSetup(baseDirectory: pipeline.baseDirectory, logger: options.logger))

        // The stages before the first batch stage run on each document as it is read.
        let leading = stages.leadingSegment(context: context, jobs: options.jobs)
        let runState = try openState(leading: leading)
        let readStart = ContinuousClock.now
        var read = inputPath.isEmpty ? InputReader.Result(documents: [], rejects: [], skipped: [:], files: 0, bytes: 0)
            : InputReader(options: pipeline.input).read(path: inputPath, base: inputBase, jobs: options.jobs, then: leading,
                                                        state: runState)
        if let source = options.documentSource {
            let fetched = await source.documents(runDate: options.date)
            read = InputReader.merge(read, InputReader(options: pipeline.input).process(
                fetched.documents, rejects: fetched.rejects, jobs: options.jobs, then: leading, state: runState))
        }
        let readAndLeading = (ContinuousClock.now - readStart).seconds
        let leadingBusy = read.segmentStats.reduce(0) { $0 + $1.seconds }
        report.readSeconds = max(0, readAndLeading - leadingBusy / Double(max(1, options.jobs)))
        report.files = read.files
        report.bytes = read.bytes
        report.documentsRead = read.documents.count + read.processedRejects.count
        report.skippedFiles = read.skipped
        report.rejects = read.rejects + read.processedRejects
        options.logger.info("read \(report.documentsRead) documents from \(read.files) files")
        if let runState {
            report.skippedSeen = runState.skippedCount
            report.resumed = runState.resumedCount
            if report.skippedSeen > 0 {
                options.logger.notice("\(report.skippedSeen) documents were processed on earlier days and are skipped (--reprocess to include them)")
            }
            if let error = runState.checkpointError {
                options.logger.warning("could not write checkpoints to the state store: \(error)")
            }
        }

        // Nothing read: say so, and leave the previous outputs as they are rather than replace them with empty ones.
        if report.documentsRead == 0, report.skippedSeen == 0, report.resumed == 0 {
            report.noDocuments = true
            report.interrupted = options.cancellation.isCancelled
            report.interruptStatus = options.cancellation.exitStatus
            report.totalSeconds = (ContinuousClock.now - started).seconds
            return report
        }

        var batch = Batch(documents: read.documents)
        batch.carriedOver.skippedDocuments = report.skippedSeen
        let storyStep = pipeline.steps.first { $0.contract.produces.contains(.story) }
        let open = try storyStep == nil ? [:] : runState?.carryStories(into: &batch) ?? [:]
        let runDate = options.date
        let outcome = await stages.run(batch, context: context, jobs: options.jobs, from: leading?.stages.count ?? 0) { step, batch in
            if !open.isEmpty, step.location == storyStep?.location {
                RunState.continueStories(in: &batch, open: open, runDate: runDate)
            }
        }
        batch = outcome.batch
        report.rejects += outcome.rejects
        report.stages = read.segmentStats + outcome.stats
        report.peakMemoryBytes = RunReport.peakResidentBytes()
        report.interrupted = options.cancellation.isCancelled
        report.interruptStatus = options.cancellation.exitStatus
        report.documents = batch.documents.count
        report.stories = batch.stories.count
        report.totalSeconds = (ContinuousClock.now - started).seconds
        if report.interrupted {
            // Only what was updated in place is written; every file waiting to be renamed is removed.
            outputs.discard()
            report.outputs = outputs.writtenInPlace
        } else {
            try outputs.commit()
            report.outputs = outputs.all
            try writeReports(&report)
            if let runState {
                try runState.store.finishRun(FinishedRun(
                    run: runState.run, processed: runState.processedDocuments, documents: batch.documents,
                    rejects: report.rejects, stories: batch.stories, report: report.json))
            }
        }
        return report
    }

    /// The run's use of the state store, when the pipeline has one and the caller opened it.
    private func openState(leading: DocumentSegment?) throws -> RunState? {
        guard let store = options.state, let configuration = pipeline.state else { return nil }
        // Checkpoints hold documents after the stages run while reading: they
        // stay valid while those stages, their options and the program do.
        var fingerprint = FNV1a()
        for (step, _) in leading?.stages ?? [] {
            fingerprint.combine(step.name)
            fingerprint.combine(step.optionsDescription)
        }
        fingerprint.combine(String(reflecting: pipeline.input))
        fingerprint.combine(options.buildFingerprint)
        return try RunState(store: store, run: RunKey(pipeline: pipeline.name, date: options.date), fingerprint: fingerprint.hex,
                            windowDays: configuration.windowDays, reprocess: options.reprocess)
    }

    /// The rejects file (one JSON object per line) and the run report.
    private func writeReports(_ report: inout RunReport) throws {
        let stem = "\(pipeline.name)-\(options.date)"
        let rejectsURL = reportDirectory.appendingPathComponent("\(stem).rejects.jsonl")
        let reportURL = reportDirectory.appendingPathComponent("\(stem).report.json")
        let lines = report.rejects.map { $0.json.compact + "\n" }.joined()
        try OutputFile.write(lines, to: rejectsURL)
        report.outputs.append(PipelineLoader.displayPath(rejectsURL))
        report.outputs.append(PipelineLoader.displayPath(reportURL))
        try OutputFile.write(report.json.pretty + "\n", to: reportURL)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
