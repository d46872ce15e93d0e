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

    @OptionGroup var arguments: RunArguments

    @Option(
        help: ArgumentHelp(
            "Run the per-document steps as this many worker processes sharing the input, then the rest in this one; the outputs are the same bytes as without it (docs/scale-out.md).",
            valueName: "n"))
    var shards: Int?

    @Option(
        help: ArgumentHelp(
            "With --shards: the folder for the shards' intermediate files and completion markers (default: .pipe-work/<name>-<date> in the output folder, removed after a clean run). A rerun after a failure redoes only the shards without a marker.",
            valueName: "folder"))
    var work: String?

    func validate() throws {
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        if work != nil, shards == nil { throw ValidationError("--work goes with --shards") }
    }

    func run() async throws {
        arguments.bootstrapLogging()
        let pipeline = try arguments.loadRunPipeline()
        let cancellation = CancellationFlag()
        SignalWatcher.start(cancellation) { signal in
            Terminal.error(
                "\n\(SignalWatcher.name(signal)): stopping after the current documents; outputs not yet written "
                    + "will not be (\(signal == SIGINT ? "Ctrl-C" : "send it") again to quit at once)")
        }
        let report = try await arguments.closingStore(
            cancellation: cancellation, interrupted: "interrupted while waiting: nothing was written"
        ) { opened in
            var options = arguments.runOptions(cancellation: cancellation)
            // One run at a time per state store: a second run waits, then refuses.
            opened = try await arguments.open(pipeline, into: &options, lock: true, cancellation: cancellation)
            if let shards {
                return try await ShardedRun(
                    arguments: arguments, pipeline: pipeline, world: shards, work: work,
                    cancellation: cancellation
                ).run(options: options)
            }
            return try await Runner(pipeline: pipeline, options: options).run()
        }
        if !arguments.quiet { Self.printSummary(report) }
        for stage in report.failedStages {
            Terminal.error(
                "\(Terminal.red("error:")) stage `\(stage.name)` failed: \(Terminal.safe(stage.error ?? ""))")
        }
        throw ExitCode(report.exitStatus)
    }

    static func printSummary(_ report: RunReport) {
        if report.interrupted {
            if report.outputs.isEmpty {
                Terminal.error("interrupted: nothing was written; earlier outputs are as they were")
            } else {
                let list = report.outputs.joined(separator: ", ")
                Terminal.error(
                    "interrupted: only \(list) (updated in place) received this run's rows; nothing else was written")
            }
            return
        }
        if report.noDocuments {
            var out =
                "no documents read from \(report.input) (\(report.files) files): nothing was written; "
                + "earlier outputs are as they were\n"
            for reject in report.rejects.prefix(5) {
                out += "    \(reject.source) (\(reject.stage)): \(reject.reason)\n"
            }
            Terminal.error(out, terminator: "")
            return
        }
        var out = "\n" + Terminal.bold("\(report.pipeline) · \(report.date)") + "\n" + Terminal.safe(report.table)
        out +=
            "  \(report.documents) documents, \(report.stories) stories in \(String(format: "%.2f", report.totalSeconds)) s\n"
        if report.skippedSeen > 0 {
            out +=
                "  \(report.skippedSeen) documents already processed on earlier days were skipped (--reprocess to include them)\n"
        }
        if report.resumed > 0 {
            out += "  \(report.resumed) documents resumed from this date's checkpoints\n"
        }
        if !report.skippedFiles.isEmpty {
            let skipped = report.skippedFiles.sorted { $0.key < $1.key }.map { "\($0.value) .\(Terminal.safe($0.key))" }
                .joined(separator: ", ")
            out += "  skipped files of other types: \(skipped)\n"
        }
        if let warc = report.warc {
            out += "  warc: " + Terminal.safe(warc.summary) + "\n"
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
}
