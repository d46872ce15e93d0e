import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run pipeline unit tests: fixture documents through a pipeline, then expectations.",
        discussion: """
            A test file names a pipeline (and optionally a range of its stages), fixture documents and \
            expectations; see pipelines/tests/ and docs/testing-pipelines.md. Exit status: 0 all passed, 1 a test failed, \
            2 a test file is invalid.
            """)

    @Argument(help: "Test files, or folders of *.test.yaml files.", completion: .file(extensions: ["yaml"]))
    var paths: [String]

    func run() async throws {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Terminal.error("error: no such file or folder `\(Terminal.safe(path))`")
                throw ExitCode(2)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let found = names.filter { $0.hasSuffix(".test.yaml") }.sorted()
                guard !found.isEmpty else {
                    // Zero tests passing is not a pass: the folder is probably the wrong one.
                    Terminal.error("error: no *.test.yaml files in `\(Terminal.safe(path))`; nothing was tested")
                    throw ExitCode(2)
                }
                files += found.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        var invalid = false, total = 0, failed = 0
        let runner = PipelineTestRunner(registry: BuiltinStages.registry)
        for url in files {
            let suite: PipelineTestFile
            do {
                suite = try PipelineTestFile.load(url)
            } catch {
                Terminal.error(Terminal.colorDiagnostics(Terminal.safe(error.description)), terminator: "")
                invalid = true
                continue
            }
            print(Terminal.bold(Terminal.safe(url.relativePath)))
            for result in await runner.run(suite) {
                total += 1
                if result.passed {
                    print("  \(Terminal.green("✓")) \(Terminal.safe(result.name))")
                } else {
                    failed += 1
                    print("  \(Terminal.red("✗")) \(Terminal.safe(result.name))")
                    for failure in result.failures { print("      \(Terminal.safe(failure))") }
                }
            }
        }
        print("\(total) test\(total == 1 ? "" : "s"), \(failed) failed")
        if invalid { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
