import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct NewStageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-stage",
        abstract: "Create a stage: its target under Plugins/, a test target, and its registration.",
        discussion: """
            Writes Plugins/<Name>/<Name>Stage.swift (a working, documented stage with one option) and \
            Tests/<Name>Tests/<Name>StageTests.swift, and adds the target to `stagePlugins` in \
            Package.swift, the one place stages are registered. Afterwards `swift build` builds it into \
            `pipe` and `pipe stages` lists it.
            """)

    @Argument(help: "The stage's name in pipeline files: lowercase letters, digits and '-', e.g. `language-filter`.")
    var name: String

    @Flag(help: "Make a batch stage (sees every document at once) instead of a per-document stage.")
    var batch = false

    @Option(help: "The package folder.")
    var packagePath = "."

    func validate() throws {
        guard StageRegistry.isValidName(name), !name.contains("_"), !name.hasSuffix("-") else {
            throw ValidationError(
                "the name must be lowercase letters, digits and '-', starting with a letter (e.g. `language-filter`)")
        }
        if BuiltinStages.registry.stage(named: name) != nil {
            throw ValidationError("a stage named `\(name)` already exists")
        }
    }

    /// `language-filter` → `LanguageFilter`.
    var targetName: String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func run() throws {
        let root = URL(fileURLWithPath: packagePath).standardizedFileURL
        let target = targetName
        let scaffold = StageScaffold(name: name, target: target, batch: batch)
        let files = Files(root: root)
        try files.check(["Package.swift"], exist: true)
        try files.check(["Plugins/\(target)", "Tests/\(target)Tests"], exist: false)

        let package = try files.read("Package.swift")
        let newPackage = try StageScaffold.insert(
            "    \"\(target)\",\n", into: package, afterLineContaining: "let stagePlugins = [", beforeLine: "]",
            file: "Package.swift")

        try files.write("Plugins/\(target)/\(target)Stage.swift", scaffold.stageSource)
        try files.write("Tests/\(target)Tests/\(target)StageTests.swift", scaffold.testSource)
        try files.write("Package.swift", newPackage)

        print(
            """
            Created stage `\(name)` (\(batch ? "batch" : "document") stage):
              Plugins/\(target)/\(target)Stage.swift
              Tests/\(target)Tests/\(target)StageTests.swift
            Registered in Package.swift (stagePlugins); the build adds it to `pipe`'s stages.

            Next:
              1. see it listed with its options:  swift build && swift run pipe stages \(name)
              2. run its tests:                   swift test --filter \(target)Tests
              3. make it yours:                   edit Plugins/\(target)/\(target)Stage.swift
              4. use it: add `- \(name)` to a pipeline's stages, then `swift run pipe validate` it
            Needs TextKit or HTML? Add them for "\(target)" in `stageDependencies` in Package.swift.
            """)
    }

    /// File access relative to the package root, with errors that say which file.
    struct Files {
        let root: URL

        func check(_ paths: [String], exist: Bool) throws {
            for path in paths
            where FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) != exist {
                Terminal.error(
                    "error: \(path) \(exist ? "is missing (is --package-path the pipe package?)" : "already exists")")
                throw ExitCode(2)
            }
        }

        func read(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        func write(_ path: String, _ text: String) throws {
            try OutputFile.write(text, to: root.appendingPathComponent(path))
        }
    }
}
