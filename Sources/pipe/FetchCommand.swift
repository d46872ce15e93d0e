import ArgumentParser
import Fetch
import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState

/// `pipe fetch FILE`: the fetch phase of a pipeline alone.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a pipeline's feeds, sitemaps and pages into its replay folder, without processing them.",
        discussion: """
            Fetches what `input:` names (feeds, sitemaps, urls) as `pipe run` would, politely and \
            conditionally, keeps every response as WARC in the replay folder, and lists the URLs that \
            failed with their reasons. `pipe run --offline` then works from that folder alone. With the \
            pipeline's `state:`, the conditional-GET validators are kept in its state store, as `pipe run` keeps them.
            """)

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "The run date, YYYY-MM-DD, whose window of feed items is fetched (default: today, UTC).")
    var date: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let date, Timestamp.parse(date) == nil || date.count != 10 {
            throw ValidationError("--date must be YYYY-MM-DD, got `\(date)`")
        }
    }

    func run() async throws {
        let pipeline = try loadPipeline(file, checkInput: false)
        guard !pipeline.input.web.isEmpty else {
            Terminal.error(
                "\(Terminal.red("error:")) \(file) fetches nothing: its `input:` has no `feeds`, `sitemaps` or `urls`")
            throw ExitCode(2)
        }
        let runDate = date ?? Timestamp.day(Date())
        let source: WebSource
        var opened: OpenedStateStore?
        do {
            // The validators live in the state store when the pipeline has one: `pipe run` reads them from there.
            opened = try await StateStoreOpening.open(
                pipeline, lock: .run(wait: RunLock.defaultWait, cancellation: nil) { Terminal.error($0) })
            source = try WebSource.make(
                input: pipeline.input, baseDirectory: pipeline.baseDirectory, runDate: runDate, offline: false,
                validatorStore: opened?.store, pipeline: pipeline.name)
        } catch {
            await opened?.close()
            Terminal.error(
                "\(Terminal.red("error:")) cannot open the replay folder or state store: \(Terminal.safe("\(error)"))")
            throw ExitCode(1)
        }
        let started = ContinuousClock.now
        let (documents, rejects) = await source.documents(runDate: runDate)
        await opened?.close()
        let counts = source.summary
        if !quiet {
            let elapsed = (ContinuousClock.now - started).components
            var out =
                "\(documents.count) documents; \(counts.fetched) responses fetched, \(counts.notModified) not modified (304), "
            out +=
                "\(counts.failed) failed, in \(elapsed.seconds) s; kept in \(PipelineLoader.displayPath(source.store.folder))\n"
            for reject in rejects { out += "  \(reject.source): \(reject.reason)\n" }
            Terminal.error(out, terminator: "")
        }
        throw ExitCode(rejects.isEmpty ? 0 : 3)
    }
}
