import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

/// The `pipe` command.
@main
struct Pipe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Run news pipelines: clean, extract, cluster, summarize, export.",
        discussion: """
            Exit status: 0 the run finished cleanly; 1 the run failed (a stage failed as a whole, \
            or an output could not be written); 2 the pipeline file or the command line is invalid; \
            3 the run finished but set documents aside (see the rejects file); 4 no document was read \
            (nothing written); 130, 143, 129 stopped by Ctrl-C, SIGTERM, SIGHUP (docs/cli.md).
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, TestCommand.self, StagesCommand.self, SchemaCommand.self,
            NewStageCommand.self,
            PlanCommand.self, StepCommand.self, ExplainCommand.self, FetchCommand.self,
        ]
    )

    /// Parses and runs, mapping usage errors to exit status 2 (not
    /// ArgumentParser's 64) so scripts see one code for "you asked wrong".
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(Terminal.safe(fullMessage(for: error)))
                Foundation.exit(0)
            }
            Terminal.error(Terminal.safe(fullMessage(for: error)))
            Foundation.exit(status == .validationFailure ? 2 : status.rawValue)
        }
    }
}

/// Loads a pipeline file, printing its diagnostics and exiting 2 when it is invalid.
func loadPipeline(_ path: String, checkInput: Bool = true) throws -> Pipeline {
    let loader = PipelineLoader(registry: BuiltinStages.registry, checkInputExists: checkInput)
    do {
        return try loader.load(file: URL(fileURLWithPath: path))
    } catch {
        Terminal.error(Terminal.colorDiagnostics(Terminal.safe(error.description)), terminator: "")
        throw ExitCode(2)
    }
}
