import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

/// `pipe run --shards N`: the map steps as N worker processes of this program
/// (`pipe step map`), each with its log in the work folder, then the reduce
/// step in this process, which holds the run's lock throughout.
struct ShardedRun {
    let arguments: RunArguments
    let pipeline: Pipeline
    let world: Int
    /// `--work`, when given: kept after the run. The default folder is removed after a clean run.
    let work: String?
    let cancellation: CancellationFlag

    func run(options: RunOptions) async throws -> RunReport {
        guard pipeline.input.web.isEmpty else {
            throw ShardWork.Failure(
                "--shards reads the input path only; fetch the pipeline's feeds, sitemaps and urls "
                    + "with `pipe fetch` first and run sharded on the replay folder, or run without --shards")
        }
        let folder =
            work.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? (options.output ?? pipeline.outputDirectory)
            .appendingPathComponent(".pipe-work/\(pipeline.name)-\(options.date)")
        let shards = ShardWork(world: world, folder: folder)
        try shards.claim(arguments.identity(of: pipeline, world: world))
        try await map(shards, jobs: options.jobs)
        var options = options
        options.shard = .reduce(shards)
        let report = try await Runner(pipeline: pipeline, options: options).run()
        if !report.interrupted, !report.noDocuments, report.failedStages.isEmpty {
            try shards.markReduced()
            if work == nil {
                try? FileManager.default.removeItem(at: folder)
                rmdir(folder.deletingLastPathComponent().path)  // .pipe-work, when no other run's folder is in it
            }
        }
        return report
    }

    /// Starts a `pipe step map` for every rank without a marker and waits for
    /// them all; throws naming the ranks that failed (a rerun redoes only those).
    private func map(_ shards: ShardWork, jobs: Int) async throws {
        let missing = shards.missingRanks()
        if missing.isEmpty { return }
        let say: (String) -> Void = { line in if !arguments.quiet { Terminal.error(line) } }
        if missing.count < world {
            say(
                "shards: \(world - missing.count) of \(world) already done in \(PathText.display(shards.folder)); running \(missing.count)"
            )
        }
        let executable = URL(fileURLWithPath: RunArguments.executablePath)
        let perShard = max(1, jobs / missing.count)
        var running: [(rank: Int, process: Process)] = []
        for rank in missing {
            let process = Process()
            process.executableURL = executable
            process.environment = arguments.childEnvironment(ProcessInfo.processInfo.environment)
            process.arguments =
                ["step", "map"] + arguments.commandLine
                + [
                    "--rank", String(rank), "--world", String(world), "--work", shards.folder.path, "--jobs",
                    String(perShard),
                ]
            _ = FileManager.default.createFile(atPath: shards.log(rank).path, contents: nil)
            let log = try FileHandle(forWritingTo: shards.log(rank))
            process.standardOutput = log
            process.standardError = log
            try process.run()
            running.append((rank, process))
        }
        var done = 0
        var failed: [(rank: Int, status: Int32)] = []
        while !running.isEmpty {
            if cancellation.isCancelled {
                for task in running where task.process.isRunning { kill(task.process.processIdentifier, SIGTERM) }
            }
            try await Task.sleep(nanoseconds: 50_000_000)
            for task in running where !task.process.isRunning {
                done += 1
                if task.process.terminationStatus != 0 { failed.append((task.rank, task.process.terminationStatus)) }
                if !cancellation.isCancelled {
                    say(
                        "shards: \(done) of \(missing.count) finished"
                            + (task.process.terminationStatus == 0 ? "" : " (shard \(task.rank) failed)"))
                }
            }
            running.removeAll { !$0.process.isRunning }
        }
        if cancellation.isCancelled {
            let kept = world - shards.missingRanks().count
            Terminal.error(
                "interrupted: nothing was written"
                    + (kept > 0
                        ? "; \(kept) finished shard\(kept == 1 ? " is" : "s are") "
                            + "kept in \(PathText.display(shards.folder)); the same command again reuses them" : ""))
            throw ExitCode(cancellation.exitStatus)
        }
        if !failed.isEmpty {
            let list = failed.sorted { $0.rank < $1.rank }.map {
                "\($0.rank) (status \($0.status), log \(PathText.display(shards.log($0.rank))))"
            }
            throw ShardWork.Failure(
                "shard\(failed.count == 1 ? "" : "s") \(list.joined(separator: ", ")) of \(world) failed; "
                    + "run the same command again to redo only \(failed.count == 1 ? "it" : "them")")
        }
    }
}
