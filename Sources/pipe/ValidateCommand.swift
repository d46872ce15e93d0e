import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file without running it (exit 0 valid, 2 invalid).")

    @Argument(help: "The pipeline file(s).", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            do {
                let pipeline = try loadPipeline(file)
                let stages = pipeline.steps.map(\.name).joined(separator: " → ")
                print("\(Terminal.safe(file)): ok — \(pipeline.steps.count) stages: \(stages)")
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
