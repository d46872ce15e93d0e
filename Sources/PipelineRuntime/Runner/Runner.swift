import Foundation
import Logging
import PipeSupport
import PipelineKit

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
    /// Set for one step of a sharded run (`pipe step`); nil runs the whole plan in this process.
    public var shard: ShardRole?

    public init(
        date: String = Timestamp.day(Date()), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        input: String? = nil, output: URL? = nil, logger: Logger = Logger(label: "pipe"),
        progress: ProgressReporter = SilentProgress(), cancellation: CancellationFlag = CancellationFlag(),
        state: (any StateStore)? = nil, reprocess: Bool = false, buildFingerprint: String = ""
    ) {
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

/// A step of a sharded run (see ``ShardWork``).
public enum ShardRole: Sendable {
    /// Read rank `rank`'s share of the input, run the per-document segment on it and write its
    /// shard file; nothing else.
    case map(rank: Int, work: ShardWork)
    /// Take every unit's result from the shard files and run the rest of the plan.
    case reduce(ShardWork)
}

/// The state store could not say which documents earlier runs processed; nothing was written.
public struct StateLookupError: Error, CustomStringConvertible {
    public let underlying: any Error
    public var description: String {
        "could not read the state store: \(underlying); nothing was written (fix the store, or run with --no-state)"
    }
}

/// A stage could not be set up; nothing was read or written.
public struct StageSetupError: Error, CustomStringConvertible {
    public let stage: String
    public let location: SourceLocation
    public let underlying: any Error
    public var description: String { "\(location): error: stage `\(stage)` could not start: \(underlying)" }
}

/// Runs a validated pipeline in this process: executes its ``RunPlan`` —
/// reads the input, passes documents through the stages, sets aside what
/// fails, writes the outputs, the rejects file and the run report.
public struct Runner: Sendable {
    public let pipeline: Pipeline
    public let options: RunOptions
    public let plan: RunPlan

    public init(pipeline: Pipeline, options: RunOptions) {
        self.pipeline = pipeline
        self.options = options
        plan = RunPlan(pipeline: pipeline, keepsState: options.state != nil && pipeline.state != nil)
    }

    /// The folder for the rejects file and run report.
    public var reportDirectory: URL { options.output ?? pipeline.outputDirectory }

    public func run() async throws -> RunReport {
        let started = ContinuousClock.now
        let inputPath = options.input ?? pipeline.input.path
        let inputBase =
            options.input != nil
            ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : pipeline.baseDirectory
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
        let runState = try openState()
        var outcome = StageSequence.Outcome(batch: Batch(documents: []), rejects: [], stats: [])
        var open: [String: StoredStory] = [:]
        var inputRead = false
        for step in plan.steps {
            if options.cancellation.isCancelled, step != .finish { continue }
            switch step {
            case .read:
                // With stages that run while reading, the next step reads.
                if plan.whileReading == nil {
                    inputRead = true
                    try await readInput(
                        path: inputPath, base: inputBase, segment: nil, state: runState, into: &report,
                        outcome: &outcome)
                }
            case let .documents(positions, whileReading: true):
                inputRead = true
                try await readInput(
                    path: inputPath, base: inputBase,
                    segment: stages.segment(positions, context: context, jobs: options.jobs),
                    state: runState, into: &report, outcome: &outcome)
            case let .documents(positions, whileReading: false):
                stages.runSegment(positions, on: &outcome, context: context, jobs: options.jobs)
            case .carryStories:
                open = try await runState?.carryStories(into: &outcome.batch) ?? [:]
            case let .batch(position, _):
                let continues = plan.steps.contains(.continueStories(after: position)) && !open.isEmpty
                let runDate = options.date
                await stages.runBatchStage(at: position, on: &outcome, context: context) { batch in
                    if continues { RunState.continueStories(in: &batch, open: open, runDate: runDate) }
                }
            case .continueStories:
                // Runs inside the batch step it follows (above), counted in that step's time.
                break
            case .finish:
                try await finish(&report, outcome: outcome, outputs: outputs, state: runState, started: started)
            }
            // A map step ends at the shard boundary: the rest is the reduce step's.
            if report.noDocuments || (isMapStep && inputRead) { break }
        }
        report.totalSeconds = (ContinuousClock.now - started).seconds
        return report
    }

    /// The read step with the document stages that run while reading: every
    /// unit of the input path and the web source through one ``DocumentPhase``.
    private func readInput(
        path: String, base: URL, segment: DocumentSegment?, state runState: RunState?,
        into report: inout RunReport, outcome: inout StageSequence.Outcome
    ) async throws {
        let readStart = ContinuousClock.now
        let reader = InputReader(options: pipeline.input)
        var units =
            path.isEmpty ? DocumentUnits(names: []) { _ in UnitContent() } : reader.units(path: path, base: base)
        if let source = options.documentSource {
            let fetched = await source.documents(runDate: options.date)
            units = units.followed(by: DocumentUnits(ready: fetched.documents, rejects: fetched.rejects))
        }
        let phase = DocumentPhase(
            units: units, segment: segment, state: runState, jobs: options.jobs,
            progress: options.progress, cancellation: options.cancellation)
        let read: DocumentPhase.Outcome
        switch options.shard {
        case nil:
            read = await phase.run()
        case let .map(rank, work):
            let mine = units.names.indices.filter { ShardWork.rank(of: units.names[$0], world: work.world) == rank }
            // The units go to the shard file as they are done: the step holds none of them.
            let writer = try work.shardWriter(rank: rank, names: units.names)
            let counter = Locked(DocumentPhase.Count()), listed = units
            let partial: DocumentPhase.Partial
            do {
                partial = try await phase.process(mine) { unit, processed in
                    try writer.append(unit: unit, processed: processed)
                    counter.withLock { $0.add(processed, unit: unit, of: listed) }
                }
                if options.cancellation.isCancelled {
                    writer.abandon()
                } else {
                    try writer.finish(tallies: partial.tallies, state: runState?.tally)
                }
            } catch {
                writer.abandon()
                throw error
            }
            read = phase.outcome(counted: counter.withLock { $0 }, tallies: partial.tallies)
        case let .reduce(work):
            var partials: [DocumentPhase.Partial] = []
            // Shards are decoded side by side (a third of the reduce at a million documents on one
            // core); checked and taken in rank order, so the first problem reported is the lowest rank's.
            let shards = Parallel.map(work.world, width: options.jobs) { rank in
                Result { try work.readShard(rank) }
            }
            for (rank, read) in shards.enumerated() {
                let shard = try read.get()
                for (unit, name) in shard.names where unit >= units.count || units.names[unit] != name {
                    throw ShardWork.Failure(
                        "the input listed now differs from what shard \(rank) of \(work.world) read "
                            + "(unit \(unit): \(name)); was it changed during the run? Remove the work folder and run again"
                    )
                }
                if let tally = shard.state { runState?.absorb(tally) }
                partials.append(shard.partial)
            }
            read = phase.outcome(of: partials)
        }
        let readAndLeading = (ContinuousClock.now - readStart).seconds
        if case .reduce? = options.shard {
            // The leading stages ran in the map steps: this step's reading is the shard files'.
            report.readSeconds = readAndLeading
        } else {
            let leadingBusy = read.stats.reduce(0) { $0 + $1.seconds }
            report.readSeconds = max(0, readAndLeading - leadingBusy / Double(max(1, options.jobs)))
        }
        report.files = units.files
        report.bytes = read.bytes
        report.documentsRead = read.readCount
        report.skippedFiles = units.skipped
        report.warc = read.warc
        report.rejects = read.rejects + read.processedRejects
        options.logger.info(
            "read \(report.documentsRead) document\(report.documentsRead == 1 ? "" : "s") from \(units.files) file\(units.files == 1 ? "" : "s")"
        )
        if let runState {
            if let error = runState.lookupError {
                throw StateLookupError(underlying: error)
            }
            report.skippedSeen = runState.skippedCount
            report.resumed = runState.resumedCount
            if report.skippedSeen > 0 {
                options.logger.notice(
                    "\(report.skippedSeen) documents were processed on earlier days and are skipped (--reprocess to include them)"
                )
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
            return
        }
        outcome.batch = Batch(documents: read.documents)
        outcome.batch.carriedOver.skippedDocuments = report.skippedSeen
        outcome.stats = read.stats
    }

    /// The finish step: outputs renamed into place (or discarded when interrupted), reports, the state store's record.
    private func finish(
        _ report: inout RunReport, outcome: StageSequence.Outcome, outputs: OutputLog,
        state runState: RunState?, started: ContinuousClock.Instant
    ) async throws {
        let batch = outcome.batch
        report.rejects += outcome.rejects
        report.stages = outcome.stats
        report.peakMemoryBytes = RunReport.peakResidentBytes()
        report.interrupted = options.cancellation.isCancelled
        report.interruptStatus = options.cancellation.exitStatus
        report.documents = batch.documents.count
        report.stories = batch.stories.count
        if report.interrupted {
            // Only what was updated in place is written; every file waiting to be renamed is removed.
            outputs.discard()
            report.outputs = outputs.writtenInPlace
            return
        }
        try outputs.commit()
        report.outputs = outputs.all
        // The report file gives the run's time up to its own writing (it used to say 0).
        report.totalSeconds = (ContinuousClock.now - started).seconds
        try writeReports(&report)
        if let runState {
            try await runState.store.finishRun(
                FinishedRun(
                    run: runState.run, processed: runState.processedDocuments, documents: batch.documents,
                    rejects: report.rejects, stories: batch.stories, report: report.json))
        }
    }

    private var isMapStep: Bool {
        if case .map? = options.shard { return true }
        return false
    }

    /// The run's use of the state store, when the pipeline has one and the caller opened it.
    private func openState() throws -> RunState? {
        guard let store = options.state, let configuration = pipeline.state else { return nil }
        // Checkpoints hold documents after the stages run while reading: they
        // stay valid while those stages, their options and the program do.
        var fingerprint = FNV1a()
        for position in plan.whileReading ?? 0..<0 {
            let step = pipeline.steps[position]
            fingerprint.combine(step.name)
            fingerprint.combine(step.optionsJSON)
        }
        fingerprint.combine(pipeline.input.canonicalJSON)
        fingerprint.combine(options.buildFingerprint)
        return RunState(
            store: store, run: RunKey(pipeline: pipeline.name, date: options.date), fingerprint: fingerprint.hex,
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
