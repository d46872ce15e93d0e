import Foundation
import Testing

/// `pipe new-stage` in a temporary copy of this package: the scaffold must
/// build, be listed by `pipe stages`, and its own tests must pass.
@Suite("pipe new-stage", .serialized)
struct NewStageTests {
    /// Copies the package's tracked files (and its build folder, to save a
    /// full rebuild) into a temporary folder.
    func copyPackage() throws -> URL {
        let copy = try CLI.temporaryFolder()
        let root = CLI.packageRoot
        let files = try shell("git ls-files -z | xargs -0 -I{} cp --parents {} '\(copy.path)'", in: root)
        #expect(files.status == 0, "\(files.output)")
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(".build").path) {
            _ = try shell("cp -a .build '\(copy.path)/.build' && rm -rf '\(copy.path)'/.build/*/debug/ModuleCache", in: root)
        }
        return copy
    }

    @discardableResult
    func shell(_ command: String, in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command + " 2>&1"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("scaffolded document and batch stages build, are listed and pass their tests", .timeLimit(.minutes(20)))
    func scaffold() throws {
        let package = try copyPackage()
        defer { try? FileManager.default.removeItem(at: package) }
        let pipe = CLI.executable.path
        let document = try shell("'\(pipe)' new-stage word-gate --package-path .", in: package)
        #expect(document.status == 0, "\(document.output)")
        #expect(document.output.contains("Plugins/WordGate/WordGateStage.swift"))
        let batch = try shell("'\(pipe)' new-stage site-count --batch --package-path .", in: package)
        #expect(batch.status == 0, "\(batch.output)")
        let again = try shell("'\(pipe)' new-stage word-gate --package-path .", in: package)
        #expect(again.status == 2)
        #expect(again.output.contains("Plugins/WordGate already exists"))

        let build = try shell("swift build", in: package)
        #expect(build.status == 0, "\(build.output.suffix(3000))")
        let stages = try shell(".build/debug/pipe stages", in: package)
        #expect(stages.output.contains("word-gate   document  Drops documents with fewer than `min_words` words."))
        #expect(stages.output.contains("site-count  batch"))
        let help = try shell(".build/debug/pipe stages word-gate", in: package)
        #expect(help.output.contains("min_words (integer, default 50)"))
        let tests = try shell("swift test --filter 'WordGateTests|SiteCountTests'", in: package)
        #expect(tests.status == 0, "\(tests.output.suffix(3000))")
        #expect(tests.output.contains("4 tests in 2 suites passed"))
    }

    @Test("bad names are refused before anything is written")
    func badNames() throws {
        for name in ["Word", "1word", "word_gate", "clean"] {
            let result = try CLI.run(["new-stage", name, "--package-path", "/nonexistent"])
            #expect(result.status == 2, "\(name): \(result.stderr)")
        }
    }
}
