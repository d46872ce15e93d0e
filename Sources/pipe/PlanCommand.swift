import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Print the steps a run of the pipeline executes, with what each reads and writes; or write them as batch jobs.",
        discussion: """
            Nothing is read or written. The steps up to the first batch step work on one document at \
            a time; the steps after them see the whole batch. With --shards N the first part runs as N map \
            tasks and the rest as one reduce task; with --emit slurm or --emit kubernetes those tasks are \
            written as jobs for that engine (docs/scale-out.md).
            """)

    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case slurm, kubernetes
    }

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(help: "Plan the run without the pipeline's `state:` (as `pipe run --no-state`).")
    var noState = false

    @Option(help: ArgumentHelp("Plan a sharded run: the per-document steps as this many map tasks.", valueName: "n"))
    var shards: Int?

    @Option(help: ArgumentHelp("The sharded run's work folder, on storage every task sees.", valueName: "folder"))
    var work: String?

    @Option(
        help: ArgumentHelp(
            "Write the sharded run as jobs for slurm (sbatch scripts) or kubernetes (Indexed Jobs and an Argo Workflow).",
            valueName: "engine"))
    var emit: Engine?

    @Option(
        help: ArgumentHelp(
            "With --emit: the folder to write the jobs into (default: slurm/ or kubernetes/ in the work folder).",
            valueName: "folder"))
    var to: String?

    @Option(help: "With --emit: the run's date, YYYY-MM-DD, written into every task (default: today, UTC).")
    var date: String?

    @Option(help: "With --emit: the input the tasks read instead of the pipeline's.")
    var input: String?

    @Option(help: "With --emit: the folder every output goes into instead of the paths the pipeline names.")
    var output: String?

    @Option(help: "With --emit kubernetes: the container image with `pipe` on its PATH.")
    var image = "pipe:latest"

    @Option(
        help:
            "With --emit kubernetes: the PersistentVolumeClaim holding the pipeline, input, outputs and work folder, mounted at the current folder's path."
    )
    var claim = "pipe-data"

    func validate() throws {
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        if emit != nil, shards == nil || work == nil { throw ValidationError("--emit needs --shards and --work") }
        if emit == nil, to != nil || date != nil || input != nil || output != nil {
            throw ValidationError("--to, --date, --input and --output go with --emit")
        }
        if let date, Timestamp.parse(date) == nil || date.count != 10 {
            throw ValidationError("--date must be YYYY-MM-DD, got `\(date)`")
        }
    }

    func run() throws {
        let pipeline: Pipeline
        do {
            pipeline = try loadPipeline(file, checkInput: false)
        } catch {
            throw ExitCode(2)
        }
        let plan = RunPlan(pipeline: pipeline, keepsState: pipeline.state != nil && !noState)
        if let emit, let shards, let work {
            try write(emit, world: shards, work: URL(fileURLWithPath: work).standardizedFileURL, pipeline: pipeline)
            return
        }
        var out = "plan of \(Terminal.safe(pipeline.name)) (\(Terminal.safe(file)))"
        if let state = pipeline.state?.location, !noState { out += ", state in \(Terminal.safe(state))" }
        out += "\n"
        let boundary = plan.shardBoundary
        for (index, line) in plan.lines.enumerated() {
            var text = "  " + Terminal.safe(line)
            if let shards { text += index < boundary ? "   [map × \(shards)]" : "   [reduce]" }
            out += text + "\n"
        }
        print(out, terminator: "")
    }

    private func write(_ engine: Engine, world: Int, work: URL, pipeline: Pipeline) throws {
        let here = FileManager.default.currentDirectoryPath
        var arguments = [file, "--world", String(world), "--work", work.path, "--date", date ?? Timestamp.day(Date())]
        if let input { arguments += ["--input", input] }
        if let output { arguments += ["--output", output] }
        if noState { arguments.append("--no-state") }
        let emitter = JobEmitter(
            name: pipeline.name, world: world, stepArguments: arguments, directory: here, work: work)
        let pipe = RunArguments.executablePath
        let files = engine == .slurm ? emitter.slurm(pipe: pipe) : emitter.kubernetes(image: image, claim: claim)
        let folder =
            to.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? work.appendingPathComponent(engine.rawValue)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let url = folder.appendingPathComponent(file.name)
                try OutputFile.write(file.text, to: url)
                if file.name.hasSuffix(".sh") || file.name.hasSuffix(".sbatch") { chmod(url.path, 0o755) }
                print(PathText.display(url))
            }
        } catch {
            Terminal.error("\(Terminal.red("error:")) \(Terminal.safe("\(error)"))")
            throw ExitCode(1)
        }
    }
}
