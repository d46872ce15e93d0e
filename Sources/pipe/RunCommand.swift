import ArgumentParser
import Fetch
import Foundation
import Logging
import PipelineKit
import PipelineRuntime
import PipelineState

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate a pipeline file, then run it.",
        discussion: """
            Reads the input, passes the documents through the stages and writes the outputs. Documents \
            that cannot be read or that a stage drops or fails on are set aside in \
            <output>/<name>-<date>.rejects.jsonl with their reason; <name>-<date>.report.json records the run.
            """)

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

    @Option(help: ArgumentHelp("Seconds to wait for another run using the same state store, SQLite digest or Atom feed before giving up (default \(Int(RunLock.defaultWait))).", valueName: "seconds"))
    var wait: Double?

    @Flag(help: "With a state store: process every document again, even those earlier days or a crashed run finished.")
    var reprocess = false

    @Option(help: "Keep the run's memory in this SQLite file instead of the pipeline's `state:` path (created if missing).")
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
        // A path that exists is a path, whatever characters it holds; only a missing one may be a glob.
        if let input, !input.contains(where: { "*?[".contains($0) }), !FileManager.default.fileExists(atPath: input) {
            throw ValidationError("--input `\(input)` does not exist")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .info : quiet ? .critical : .warning
            return EscapingLogHandler(wrapped: handler)
        }
        var pipeline = try loadPipeline(file, checkInput: input == nil)
        if noState {
            pipeline.state = nil
        } else if let state {
            var section = pipeline.state ?? StateOptions()
            section.path = URL(fileURLWithPath: state).standardizedFileURL.path
            pipeline.state = section
        }
        let cancellation = CancellationFlag()
        SignalWatcher.start(cancellation) { signal in
            Terminal.error("\n\(SignalWatcher.name(signal)): stopping after the current documents; outputs not yet written "
                           + "will not be (\(signal == SIGINT ? "Ctrl-C" : "send it") again to quit at once)")
        }
        let lockWait = wait ?? RunLock.defaultWait
        let options = RunOptions(
            date: date ?? Timestamp.day(Date()),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            input: input,
            output: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
            logger: Logger(label: "pipe"),
            progress: Terminal.isInteractive && !quiet ? TerminalProgress() : SilentProgress(),
            cancellation: cancellation,
            reprocess: reprocess,
            buildFingerprint: Self.buildFingerprint())
        let report: RunReport
        var stateLock: RunLock?
        defer { stateLock?.release() }
        do {
            var options = options
            options.lockWait = lockWait
            if let url = pipeline.stateURL {
                // One run at a time per state store: a second run waits, then refuses.
                // A FIFO or device named as the store is never opened: opening a FIFO blocks.
                try OutputFile.checkReplaceable(url)
                stateLock = try RunLock.acquire(for: url, wait: lockWait, cancellation: cancellation) { Terminal.error($0) }
                options.state = try SQLiteStateStore(url: url)
            }
            if !pipeline.input.web.isEmpty {
                options.documentSource = try WebSource.make(input: pipeline.input, baseDirectory: pipeline.baseDirectory,
                                                            runDate: options.date, offline: offline,
                                                            validatorStore: options.state as? any ValidatorStore,
                                                            pipeline: pipeline.name)
            }
            report = try await Runner(pipeline: pipeline, options: options).run()
        } catch is CancellationError {
            Terminal.error("interrupted while waiting: nothing was written")
            throw ExitCode(cancellation.exitStatus)
        } catch {
            Terminal.error("\(Terminal.red("error:")) \(Terminal.safe("\(error)"))")
            throw ExitCode(1)
        }
        if !quiet { printSummary(report) }
        for stage in report.failedStages {
            Terminal.error("\(Terminal.red("error:")) stage `\(stage.name)` failed: \(Terminal.safe(stage.error ?? ""))")
        }
        throw ExitCode(report.exitStatus)
    }

    private func printSummary(_ report: RunReport) {
        if report.interrupted {
            if report.outputs.isEmpty {
                Terminal.error("interrupted: nothing was written; earlier outputs are as they were")
            } else {
                let list = report.outputs.joined(separator: ", ")
                Terminal.error("interrupted: only \(list) (updated in place) received this run's rows; nothing else was written")
            }
            return
        }
        if report.noDocuments {
            var out = "no documents read from \(report.input) (\(report.files) files): nothing was written; "
                + "earlier outputs are as they were\n"
            for reject in report.rejects.prefix(5) { out += "    \(reject.source) (\(reject.stage)): \(reject.reason)\n" }
            Terminal.error(out, terminator: "")
            return
        }
        var out = "\n" + Terminal.bold("\(report.pipeline) · \(report.date)") + "\n" + Terminal.safe(report.table)
        out += "  \(report.documents) documents, \(report.stories) stories in \(String(format: "%.2f", report.totalSeconds)) s\n"
        if report.skippedSeen > 0 {
            out += "  \(report.skippedSeen) documents already processed on earlier days were skipped (--reprocess to include them)\n"
        }
        if report.resumed > 0 {
            out += "  \(report.resumed) documents resumed from this date's checkpoints\n"
        }
        if !report.skippedFiles.isEmpty {
            let skipped = report.skippedFiles.sorted { $0.key < $1.key }.map { "\($0.value) .\(Terminal.safe($0.key))" }
                .joined(separator: ", ")
            out += "  skipped files of other types: \(skipped)\n"
        }
        if !report.rejects.isEmpty {
            out += "  \(report.rejects.count) set aside; first reasons:\n"
            for reject in report.rejects.prefix(5) {
                out += "    " + Terminal.safe("\(reject.source) (\(reject.stage)): \(reject.reason)") + "\n"
            }
        }
        for path in report.outputs { out += "  wrote \(Terminal.safe(path))\n" }
        Terminal.error(out, terminator: "")
    }

    /// The running executable's size and modification time: a rebuilt
    /// program does not reuse checkpoints an older build wrote.
    static func buildFingerprint() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "" }
        let size = (attributes[.size] as? Int) ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(modified)"
    }
}
