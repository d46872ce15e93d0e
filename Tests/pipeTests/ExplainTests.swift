import Foundation
import Testing

@Suite("pipe explain and runs with state", .serialized)
struct ExplainTests {
    /// A pipeline with a state store over two hand-written pages in a temporary folder.
    func makePipeline() throws -> URL {
        let folder = try CLI.temporaryFolder()
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let article =
            "<html lang=\"en\"><head><title>Ferry timetable changes | Tidewater Times</title></head><body><article>"
            + "<h1>Ferry timetable changes</h1>"
            + "<p>The island ferry will sail every forty minutes from Monday, the operator said, after a summer of complaints about missed connections.</p>"
            + "<p>Passengers told the council the old timetable left them waiting up to ninety minutes at the harbour in bad weather.</p>"
            + "</article></body></html>"
        try article.write(to: inbox.appendingPathComponent("ferry.html"), atomically: true, encoding: .utf8)
        try "Menu".write(to: inbox.appendingPathComponent("menu.txt"), atomically: true, encoding: .utf8)
        let yaml = """
            name: local
            input: inbox
            output: out
            state: {path: state/local.sqlite}
            stages:
              - clean: {min_text_length: 100}
              - export: {format: jsonl, path: "out/{name}-{date}.jsonl"}

            """
        let file = folder.appendingPathComponent("local.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("explain shows a kept document's stages and fields, and a dropped one's reason")
    func explain() throws {
        let pipeline = try makePipeline()
        let run = try CLI.run(["run", pipeline.path, "--date", "2026-11-20", "--quiet"])
        #expect(run.status == 3, "menu.txt is set aside: \(run.stderr)")
        let kept = try CLI.run(["explain", pipeline.path, "ferry.html"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("2026-11-20 · ferry.html"))
        #expect(kept.stdout.contains("stages: clean"))
        #expect(kept.stdout.contains("→ export"))
        #expect(kept.stdout.contains("story: none"))
        let dropped = try CLI.run(["explain", pipeline.path, "menu.txt"])
        #expect(dropped.stdout.contains("dropped by `clean`: too little text"))
        let unknown = try CLI.run(["explain", pipeline.path, "nothing.html"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no run of `local` recorded a document with id or source `nothing.html`"))
    }

    @Test("the next day's run skips what was processed; --reprocess takes it again")
    func nextDay() throws {
        let pipeline = try makePipeline()
        _ = try CLI.run(["run", pipeline.path, "--date", "2026-11-20", "--quiet"])
        let next = try CLI.run(["run", pipeline.path, "--date", "2026-11-21"])
        #expect(next.stderr.contains("2 documents already processed on earlier days were skipped"))
        let jsonl = pipeline.deletingLastPathComponent().appendingPathComponent("out/local-2026-11-21.jsonl")
        #expect(try String(contentsOf: jsonl, encoding: .utf8).isEmpty)
        let again = try CLI.run(["run", pipeline.path, "--date", "2026-11-22", "--reprocess", "--quiet"])
        #expect(again.status == 3)
        let lines = try String(
            contentsOf: pipeline.deletingLastPathComponent().appendingPathComponent("out/local-2026-11-22.jsonl"),
            encoding: .utf8
        ).split(separator: "\n")
        #expect(lines.count == 1)
    }

    @Test("explain on a pipeline without state says how to add one")
    func noState() throws {
        let folder = try CLI.temporaryFolder()
        let pipeline = folder.appendingPathComponent("plain.yaml")
        try "input: inbox\nstages:\n  - clean\n".write(to: pipeline, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let result = try CLI.run(["explain", pipeline.path, "x.html"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("has no state store"))
        #expect(result.stderr.contains("state: {path: state/plain.sqlite}"))
    }
}
