import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the steps a run of the pipeline executes, with what each reads and writes.",
        discussion: """
            Nothing is read or written. The steps up to the first batch step work on one document at \
            a time; the steps after them see the whole batch.
            """)

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(help: "Plan the run without the pipeline's `state:` (as `pipe run --no-state`).")
    var noState = false

    func run() throws {
        let pipeline: Pipeline
        do {
            pipeline = try loadPipeline(file, checkInput: false)
        } catch {
            throw ExitCode(2)
        }
        let plan = RunPlan(pipeline: pipeline, keepsState: pipeline.state != nil && !noState)
        var out = "plan of \(Terminal.safe(pipeline.name)) (\(Terminal.safe(file)))"
        if let state = pipeline.state?.path, !noState { out += ", state in \(Terminal.safe(state))" }
        out += "\n"
        for line in plan.lines { out += "  " + Terminal.safe(line) + "\n" }
        print(out, terminator: "")
    }
}
