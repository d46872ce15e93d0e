import ArgumentParser
import Fetch
import Foundation
import Logging
import PipeSupport
import PipelineKit
import PipelineRuntime
import PipelineState

/// What every way of running a pipeline takes: `pipe run` and each `pipe step` of a sharded run.
struct RunArguments: ParsableArguments {
    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Read this file, folder or glob instead of the pipeline's input.")
    var input: String?

    @Option(help: "Write every output into this folder instead of the paths the pipeline names.")
    var output: String?

    @Option(help: "The digest's date, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    @Option(help: "Threads for reading, per-document stages and batch stages' parallel loops (default: all cores).")
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Seconds to wait for another run using the same state store, SQLite digest or Atom feed before giving up (default \(Int(RunLock.defaultWait))).",
            valueName: "seconds"))
    var wait: Double?

    @Flag(help: "With a state store: process every document again, even those earlier days or a crashed run finished.")
    var reprocess = false

    @Option(
        help:
            "Keep the run's memory in this SQLite file (created if missing), or PostgreSQL database (postgres://…), instead of the pipeline's `state:`."
    )
    var state: String?

    @Flag(help: "Ignore the pipeline's `state:`: skip nothing, continue no earlier story, remember nothing.")
    var noState = false

    @Flag(help: "Take the pipeline's web input (feeds, sitemaps, urls) from its replay folder only; fetch nothing.")
    var offline = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log what each step does.")
    var verbose = false

    func validate() throws {
        if let date, Timestamp.parse(date) == nil || date.count != 10 {
            throw ValidationError("--date must be YYYY-MM-DD, got `\(date)`")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if state != nil, noState { throw ValidationError("--state and --no-state cannot be used together") }
        if let wait, !(wait >= 0) { throw ValidationError("--wait must be 0 or more seconds") }
        if let state, PostgresURL.isURL(state), let problem = StateOptions.problem(url: state) {
            throw ValidationError("--state: \(problem.message)" + (problem.help.map { " (\($0))" } ?? ""))
        }
        // A path that exists is a path, whatever characters it holds; only a missing one may be a glob.
        if let input, !input.contains(where: { "*?[".contains($0) }), !FileManager.default.fileExists(atPath: input) {
            throw ValidationError("--input `\(input)` does not exist")
        }
    }

    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .info : quiet ? .critical : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return EscapingLogHandler(wrapped: handler)
        }
    }

    /// The pipeline file, validated, with `--state` / `--no-state` applied.
    func loadRunPipeline() throws -> Pipeline {
        var pipeline = try loadPipeline(file, checkInput: input == nil)
        if noState {
            pipeline.state = nil
        } else if let state = state ?? Self.handedState(ProcessInfo.processInfo.environment) {
            var section = pipeline.state ?? StateOptions()
            if PostgresURL.isURL(state) {
                (section.path, section.url) = ("", state)
            } else {
                (section.path, section.url) = (URL(fileURLWithPath: state).standardizedFileURL.path, "")
            }
            pipeline.state = section
        }
        return pipeline
    }

    var runDate: String { date ?? Timestamp.day(Date()) }

    func runOptions(cancellation: CancellationFlag, progress: Bool = true) -> RunOptions {
        var options = RunOptions(
            date: runDate,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            input: input,
            output: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
            logger: Logger(label: "pipe"),
            progress: progress && Terminal.isInteractive && !quiet ? TerminalProgress() : SilentProgress(),
            cancellation: cancellation,
            reprocess: reprocess,
            buildFingerprint: Self.buildFingerprint())
        options.lockWait = wait ?? RunLock.defaultWait
        return options
    }

    /// Opens the pipeline's state store (a SQLite file or a PostgreSQL database) and
    /// its web source into `options`. With `lock`, first takes the store's run lock
    /// (one run at a time: a second run waits, then refuses); the map steps of a
    /// sharded run are part of a run that holds it and take none. The caller closes
    /// what this returns on every path (it releases the lock).
    func open(
        _ pipeline: Pipeline, into options: inout RunOptions, lock: Bool,
        cancellation: CancellationFlag
    ) async throws -> OpenedStateStore? {
        let opened = try await StateStoreOpening.open(
            pipeline,
            lock: lock ? .run(wait: options.lockWait, cancellation: cancellation) { Terminal.error($0) } : .none)
        options.state = opened?.store
        do {
            try openWebSource(pipeline, into: &options)
        } catch {
            await opened?.close()
            throw error
        }
        return opened
    }

    private func openWebSource(_ pipeline: Pipeline, into options: inout RunOptions) throws {
        if !pipeline.input.web.isEmpty {
            options.documentSource = try WebSource.make(
                input: pipeline.input, baseDirectory: pipeline.baseDirectory,
                runDate: options.date, offline: offline,
                validatorStore: options.state as? any ValidatorStore,
                pipeline: pipeline.name)
        }
    }

    /// What the steps of one sharded run must agree on (``ShardWork/Identity``).
    func identity(of pipeline: Pipeline, world: Int) -> ShardWork.Identity {
        var hash = FNV1a()
        for part in [
            pipeline.name, pipeline.input.canonicalJSON, input ?? "", output ?? "", runDate,
            pipeline.stateURL?.path ?? pipeline.state?.postgres?.display ?? "(no state)", reprocess ? "reprocess" : "",
            Self.buildFingerprint(),
        ] {
            hash.combine(part)
            hash.combine("\u{1F}")
        }
        for step in pipeline.steps {
            hash.combine(step.name)
            hash.combine(step.optionsJSON)
            hash.combine("\u{1F}")
        }
        return ShardWork.Identity(pipeline: pipeline.name, date: runDate, world: world, fingerprint: hash.hex)
    }

    /// Where `pipe run --shards` hands its `--state` to the map steps it starts: in their
    /// environment, which only their owner can read, rather than on their command line, which
    /// `ps` shows everyone — a PostgreSQL URL may hold a password.
    static let handedStateVariable = "PIPE_HANDED_STATE"

    /// The `--state` a coordinating run handed over in `environment`, if any.
    static func handedState(_ environment: [String: String]) -> String? {
        environment[handedStateVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The environment for the map steps `pipe run --shards` starts: this one, with `--state` handed over.
    func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        environment[Self.handedStateVariable] = state ?? Self.handedState(environment)
        return environment
    }

    /// These arguments as a command line, for the map steps `pipe run --shards` starts
    /// (`--state` goes in their environment: ``childEnvironment(_:)``).
    var commandLine: [String] {
        var arguments = [file]
        if let input { arguments += ["--input", input] }
        if let output { arguments += ["--output", output] }
        arguments += ["--date", runDate]
        if let wait { arguments += ["--wait", String(wait)] }
        if reprocess { arguments.append("--reprocess") }
        if noState { arguments.append("--no-state") }
        if offline { arguments.append("--offline") }
        if verbose { arguments.append("--verbose") }
        return arguments
    }

    /// The running executable's size and modification time: a rebuilt
    /// program does not reuse checkpoints an older build wrote.
    static func buildFingerprint() -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executablePath) else { return "" }
        let size = (attributes[.size] as? Int) ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(modified)"
    }

    /// The running program's own path (what `/proc/self/exe` points at; the
    /// name it was started by elsewhere): shard steps and emitted jobs start it again.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs `body`, which opens the state store into `opened`, closing the store however `body`
    /// ends; what stops it becomes the run's exit: a cancellation (Ctrl-C while waiting) says
    /// `interrupted` and exits with the signal's status, an error is printed and exits 1.
    func closingStore<T>(
        cancellation: CancellationFlag, interrupted: String,
        _ body: (inout OpenedStateStore?) async throws -> T
    ) async throws -> T {
        var opened: OpenedStateStore?
        do {
            let result = try await body(&opened)
            await opened?.close()
            return result
        } catch is CancellationError {
            await opened?.close()
            Terminal.error(interrupted)
            throw ExitCode(cancellation.exitStatus)
        } catch let code as ExitCode {
            await opened?.close()
            throw code
        } catch {
            await opened?.close()
            Terminal.error("\(Terminal.red("error:")) \(Terminal.safe("\(error)"))")
            throw ExitCode(1)
        }
    }
}
