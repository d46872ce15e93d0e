import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Export

/// Export paths are checked by `pipe validate`, at the path's line, not after
/// every document has been processed.
@Suite("Export paths at validation")
struct ExportPathValidationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out/reports"), withIntermediateDirectories: true)
    }

    /// The diagnostics for a pipeline whose stages are `stages` (YAML lines), starting at line 3.
    func problems(_ stages: String, environment: [String: String] = [:]) -> [Diagnostic] {
        let loader = PipelineLoader(
            registry: StageRegistry([ExportStage.self]), environment: environment, checkInputExists: false)
        do {
            _ = try loader.load(
                source: "input: inbox\nstages:\n" + stages, file: folder.appendingPathComponent("p.yaml"))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("an unknown placeholder is an error at the path, with a suggestion")
    func unknownPlaceholder() {
        let found = problems("  - export:\n      format: markdown\n      path: out/{nme}-{date}.md\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("unknown placeholder {nme} (did you mean {name}?)") == true)
        #expect(found.first?.location.line == 5)
        #expect(found.first?.location.column == 13)
    }

    @Test("an unclosed placeholder is an error")
    func unclosedPlaceholder() {
        let found = problems("  - export: {path: \"out/{date.md\"}\n")
        #expect(found.first?.message.contains("without a closing `}`") == true)
    }

    @Test("a placeholder that arrives through an environment value is checked too")
    func placeholderFromEnvironment() {
        let found = problems("  - export:\n      path: out/${DIGEST}.md\n", environment: ["DIGEST": "{day}"])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("unknown placeholder {day}") == true)
        #expect(found.first?.location.line == 4)
        #expect(problems("  - export:\n      path: out/${DIGEST}.md\n", environment: ["DIGEST": "{date}"]).isEmpty)
    }

    @Test("a path ending in a folder name, `.` or `..` is refused")
    func folderPaths() {
        for path in ["out/..", "out/.", "out/", "..", "out/{date}/.."] {
            let found = problems("  - export: {path: \"\(path)\"}\n")
            #expect(found.first?.message.contains("the path names a folder") == true, "\(path)")
        }
    }

    @Test("a path that is an existing folder is refused at its line")
    func existingFolder() {
        let found = problems("  - export:\n      path: out/reports\n")
        #expect(found.map(\.message) == ["`out/reports` is a folder"])
        #expect(found.first?.location.line == 4)
    }

    @Test("two exports to one file are refused at the second, naming the first")
    func duplicatePaths() {
        let found = problems(
            """
              - export: {format: markdown, path: "out/{name}.md"}
              - export: {format: html, path: "out/x.html"}
              - export:
                  format: jsonl
                  path: ./out/../out/{name}.md
            """ + "\n")
        #expect(found.count == 1)
        #expect(found.first?.message == "`export` writes `./out/../out/{name}.md`, which `export` at line 3 writes too")
        #expect(found.first?.location.line == 7)
    }

    @Test("default paths collide only when the format does: {format} is filled in first")
    func defaultPaths() {
        #expect(problems("  - export: {format: markdown}\n  - export: {format: html}\n").isEmpty)
        #expect(problems("  - export: {format: markdown}\n  - export: {format: markdown}\n").count == 1)
        #expect(
            problems(
                "  - export: {format: markdown, path: \"out/d.{format}\"}\n  - export: {format: html, path: \"out/d.{format}\"}\n"
            ).isEmpty)
    }
}
