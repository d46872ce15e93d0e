import Foundation
import Logging

/// What a stage gets when it is created.
public struct StageSetup: Sendable {
    /// The folder of the pipeline file; relative paths in options resolve from here.
    public var baseDirectory: URL
    public var logger: Logger

    public init(baseDirectory: URL, logger: Logger = Logger(label: "pipe")) {
        self.baseDirectory = baseDirectory
        self.logger = logger
    }

    /// `path` resolved against ``baseDirectory`` unless absolute.
    public func resolve(_ path: String) -> URL {
        URL(resolving: path, against: baseDirectory)
    }
}

/// What a stage sees while it runs: the run's date, folders, logger, progress
/// and cancellation.
public struct StageContext: Sendable {
    /// The pipeline's `name`.
    public var pipelineName: String
    /// The day the digest is for, `YYYY-MM-DD` (from `--date`, else today, UTC).
    public var runDate: String
    /// The folder of the pipeline file.
    public var baseDirectory: URL
    /// Where run reports go, and where `--output` sends every output file.
    public var outputDirectory: URL
    /// Set by `--output`: every file a stage writes goes into this folder under its own name.
    public var outputOverride: URL?
    public var logger: Logger
    /// Report how far a long batch stage has come.
    public var progress: ProgressReporter
    /// Whether the run was interrupted; long stages should check it.
    public var cancellation: CancellationFlag
    /// The files the run writes: staged renames, in-place updates, held locks (the runtime's; stages
    /// go through ``writeOutput(_:to:)`` and its siblings).
    package var outputs: OutputLog
    /// How many threads a batch stage may use (`pipe run --jobs`); pass it to
    /// `Parallel.map(_:width:_:)`.
    public var jobs: Int
    /// How long to wait, in seconds, for another run holding a file this run
    /// updates in place (`pipe run --wait`) before giving up; see ``updatingInPlace(_:_:)``.
    public var lockWait: Double = RunLock.defaultWait

    /// A context for running a stage on its own (a test, a tool): files it writes replace
    /// their targets at once.
    public init(
        pipelineName: String, runDate: String, baseDirectory: URL, outputDirectory: URL, outputOverride: URL? = nil,
        logger: Logger = Logger(label: "pipe"), progress: ProgressReporter = SilentProgress(),
        cancellation: CancellationFlag = CancellationFlag(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.init(
            pipelineName: pipelineName, runDate: runDate, baseDirectory: baseDirectory,
            outputDirectory: outputDirectory, outputOverride: outputOverride, logger: logger, progress: progress,
            cancellation: cancellation, outputs: OutputLog(), jobs: jobs)
    }

    /// The runtime's context, whose `outputs` may defer renames to the end of the run.
    package init(
        pipelineName: String, runDate: String, baseDirectory: URL, outputDirectory: URL, outputOverride: URL? = nil,
        logger: Logger = Logger(label: "pipe"), progress: ProgressReporter = SilentProgress(),
        cancellation: CancellationFlag = CancellationFlag(), outputs: OutputLog,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.pipelineName = pipelineName
        self.runDate = runDate
        self.baseDirectory = baseDirectory
        self.outputDirectory = outputDirectory
        self.outputOverride = outputOverride
        self.logger = logger
        self.progress = progress
        self.cancellation = cancellation
        self.outputs = outputs
        self.jobs = max(1, jobs)
    }

    /// The run date as a `Date` at midnight UTC.
    public var runDay: Date {
        Timestamp.parse(runDate) ?? Date(timeIntervalSince1970: 0)
    }

    /// Throws `CancellationError` when the run was interrupted.
    public func checkCancellation() throws {
        if cancellation.isCancelled { throw CancellationError() }
    }
}

/// Receives progress of the run. Implementations must be cheap and thread-safe.
public protocol ProgressReporter: Sendable {
    /// `done` of `total` items of `stage` are finished.
    func update(stage: String, done: Int, total: Int)
    /// `stage` has finished.
    func finish(stage: String)
    /// `done` of `total` items of `stage` are finished and the items under way are `partly` of
    /// an item further on between them (a crawl file read 40%: 0.4), so a stage of a few long
    /// items shows it is moving. By default the same as ``update(stage:done:total:)``.
    func update(stage: String, done: Int, total: Int, partly: Double)
}

extension ProgressReporter {
    public func update(stage: String, done: Int, total: Int, partly: Double) {
        update(stage: stage, done: done, total: total)
    }
}

/// A reporter that says nothing.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func update(stage: String, done: Int, total: Int) {}
    public func finish(stage: String) {}
}

/// A thread-safe flag raised once, e.g. by Ctrl-C, with the exit status the
/// stopped run ends with (128 + the signal's number).
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var status: Int32 = 130

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// The exit status of the run once cancelled: 130 unless ``cancel(exitStatus:)`` said otherwise.
    public var exitStatus: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return status
    }

    public func cancel() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// Raises the flag; the first call's `exitStatus` is the run's (143 for SIGTERM, 129 for SIGHUP).
    public func cancel(exitStatus: Int32) {
        lock.lock()
        if !raised { status = exitStatus }
        raised = true
        lock.unlock()
    }
}
