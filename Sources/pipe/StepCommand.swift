import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState

/// One step of a sharded run, as a batch system runs it: every map rank, then
/// the reduce (`pipe plan --emit` writes the jobs; `pipe run --shards` runs
/// them as local processes).
struct StepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Run one step of a sharded run: `map` (one rank's share of the input) or `reduce` (the rest).",
        discussion: """
            `pipe step map FILE --rank R --world N --work DIR` reads the input units whose name hashes to rank R, \
            runs the per-document stages on them and writes DIR's shard file and marker for R; it exits 0 at once \
            when that marker is there already. The rank may come from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX \
            instead of --rank. `pipe step reduce FILE --world N --work DIR` runs when every rank is done: it reads \
            the shard files and runs the rest of the plan, writing the same outputs as `pipe run FILE`. Every \
            step of one run takes the same FILE, --date and other options (DIR records them and refuses others).
            """)

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case map, reduce
    }

    @Argument(help: "map or reduce.")
    var role: Role

    @OptionGroup var arguments: RunArguments

    @Option(
        help: ArgumentHelp(
            "map: this task's rank, 0 to N-1 (default: $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX).", valueName: "r")
    )
    var rank: Int?

    @Option(
        help: ArgumentHelp(
            "How many map ranks share the input (N). Pass it explicitly: an engine's task count can differ on a resubmission.",
            valueName: "n"))
    var world: Int

    @Option(help: ArgumentHelp("The run's work folder, shared by all its steps.", valueName: "folder"))
    var work: String

    func validate() throws {
        if world < 1 { throw ValidationError("--world must be at least 1") }
        if role == .map {
            guard let rank = taskRank else {
                throw ValidationError(
                    "map needs --rank (or SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX in the environment)")
            }
            if rank < 0 || rank >= world { throw ValidationError("--rank must be 0 to \(world - 1), got \(rank)") }
        } else if rank != nil {
            throw ValidationError("--rank goes with map")
        }
    }

    private var taskRank: Int? {
        if let rank { return rank }
        let environment = ProcessInfo.processInfo.environment
        return (environment["SLURM_ARRAY_TASK_ID"] ?? environment["JOB_COMPLETION_INDEX"]).flatMap { Int($0) }
    }

    func run() async throws {
        arguments.bootstrapLogging()
        let pipeline = try arguments.loadRunPipeline()
        let cancellation = CancellationFlag()
        SignalWatcher.start(cancellation) { signal in
            Terminal.error("\n\(SignalWatcher.name(signal)): stopping; this step's files are not written")
        }
        let shards = ShardWork(world: world, folder: URL(fileURLWithPath: work).standardizedFileURL)
        let summarised: RunReport? = try await arguments.closingStore(
            cancellation: cancellation, interrupted: "interrupted: nothing was written"
        ) { opened in
            guard pipeline.input.web.isEmpty else {
                throw ShardWork.Failure(
                    "a sharded run reads the input path only; fetch the web input with `pipe fetch` first")
            }
            try shards.claim(arguments.identity(of: pipeline, world: world))
            var options = arguments.runOptions(cancellation: cancellation, progress: false)
            switch role {
            case .map:
                let rank = taskRank!
                if shards.missingRanks().contains(rank) == false {
                    if !arguments.quiet {
                        Terminal.error(
                            "shard \(rank) of \(world) is done already (\(PathText.display(shards.marker(rank))))")
                    }
                    return nil
                }
                // The run is one run: its reduce step (or `pipe run --shards`) holds the store's lock.
                opened = try await arguments.open(pipeline, into: &options, lock: false, cancellation: cancellation)
                options.shard = .map(rank: rank, work: shards)
                let report = try await Runner(pipeline: pipeline, options: options).run()
                if report.interrupted { throw ExitCode(report.interruptStatus) }
                if !arguments.quiet {
                    let peak = Double(RunReport.peakResidentBytes()) / 1_048_576
                    Terminal.error(
                        "shard \(rank) of \(world): \(report.documentsRead) documents read, "
                            + "\(report.rejects.count) set aside in \(String(format: "%.1f", report.totalSeconds)) s, "
                            + "peak RSS \(String(format: "%.1f", peak)) MB → \(PathText.display(shards.shardFile(rank)))"
                    )
                }
                return nil
            case .reduce:
                if shards.isReduced {
                    if !arguments.quiet {
                        Terminal.error("the reduce step is done already (\(PathText.display(shards.reduceMarker)))")
                    }
                    return nil
                }
                let missing = shards.missingRanks()
                guard missing.isEmpty else {
                    throw ShardWork.Failure(
                        "map ranks \(missing.map(String.init).joined(separator: ", ")) of \(world) have not finished; run them first"
                    )
                }
                opened = try await arguments.open(pipeline, into: &options, lock: true, cancellation: cancellation)
                options.shard = .reduce(shards)
                let report = try await Runner(pipeline: pipeline, options: options).run()
                if !report.interrupted, !report.noDocuments, report.failedStages.isEmpty { try shards.markReduced() }
                return report
            }
        }
        guard let report = summarised else { return }
        if !arguments.quiet { RunCommand.printSummary(report) }
        throw ExitCode(report.exitStatus)
    }
}
