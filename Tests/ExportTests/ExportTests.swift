import Foundation
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// A small digest we wrote: one story from two outlets, one article alone.
enum Sample {
    static func batch() -> Batch {
        var chipA = Document(id: "ledger/chips.html", source: "ledger/chips.html", url: "https://ledger.example/chips",
                             title: "Chip rules tighten", author: "Ana Ruiz", published: Timestamp.parse("2026-11-20T09:00:00Z"),
                             site: "Harbor Ledger", language: "en",
                             text: ["Regulators widened the rules on Tuesday.", "Makers said <b>costs</b> would rise."])
        chipA.entities = [Entity(text: "Ana Ruiz", type: .person, count: 1), Entity(text: "Nordbank", type: .organization, count: 2)]
        chipA.keywords = [Keyword(term: "chip rules", score: 0.91234567), Keyword(term: "costs", score: 0.5)]
        chipA.story = "s-chips"
        chipA.summary = "Regulators widened the rules."
        chipA.attributes["duplicate_of"] = .null
        var chipB = Document(id: "meridian/chips.txt", source: "meridian/chips.txt", title: "New limits on chips *again*",
                             published: Timestamp.parse("2026-11-21T07:30:00Z"), site: "Meridian Post",
                             text: ["The limits cover more models."])
        chipB.story = "s-chips"
        chipB.entities = [Entity(text: "Geneva", type: .location, count: 1)]
        let alone = Document(id: "wire/w-9", source: "w-9", title: "Rain in <Lisbon>", published: Timestamp.parse("2026-11-19T12:00:00Z"),
                             text: ["It rained."])
        let story = Story(id: "s-chips", members: ["ledger/chips.html", "meridian/chips.txt"], headline: "Chip rules tighten",
                          summary: "Two outlets report wider chip rules.", firstSeen: chipA.published, lastSeen: chipB.published,
                          outlets: ["Harbor Ledger", "Meridian Post"])
        return Batch(documents: [alone, chipA, chipB], stories: [story])
    }
}

@Suite("Export")
struct ExportTests {
    func render(_ format: String, _ batch: Batch = Sample.batch()) throws -> String {
        let harness = try StageHarness(ExportStage.self, options: ["format": format])
        return harness.stage.render(Digest(batch: batch, pipeline: "daily", date: "2026-11-21"))
    }

    @Test("jsonl writes one contract object per document, story members first")
    func jsonl() throws {
        let raw = try render("jsonl").split(separator: "\n").map(String.init)
        let lines = try raw.map { try JSONValue.parse($0) }
        #expect(lines.count == 3)
        #expect(lines.map { $0["id"]?.stringValue } == ["ledger/chips.html", "meridian/chips.txt", "wire/w-9"])
        let first = lines[0]
        // The contract's field order, as written on the line.
        let keys = ["id", "source", "url", "title", "author", "published", "site", "language", "text",
                    "entities", "keywords", "story", "summary", "attributes"]
        let positions = keys.map { raw[0].range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(first["text"] == "Regulators widened the rules on Tuesday.\n\nMakers said <b>costs</b> would rise.")
        #expect(first["published"] == "2026-11-20T09:00:00Z")
        let entities: JSONValue = [["text": "Ana Ruiz", "type": "person", "count": 1], ["text": "Nordbank", "type": "organization", "count": 2]]
        #expect(first["entities"] == entities.sortedKeys())
        #expect(raw[0].contains(#""keywords":[{"term":"chip rules","score":0.912346},{"term":"costs","score":0.5}]"#))
        #expect(first["story"] == "s-chips")
        #expect(lines[2]["url"] == .null)
        #expect(lines[2]["story"] == .null)
        #expect(lines[2]["summary"] == .null)
    }

    @Test("json writes the digest with stories and documents")
    func json() throws {
        let digest = try JSONValue.parse(render("json"))
        #expect(digest["pipeline"] == "daily")
        #expect(digest["date"] == "2026-11-21")
        guard case let .array(stories)? = digest["stories"], case let .array(documents)? = digest["documents"] else {
            Issue.record("missing arrays")
            return
        }
        #expect(stories.count == 1)
        #expect(stories[0]["members"] == ["ledger/chips.html", "meridian/chips.txt"])
        #expect(stories[0]["outlets"] == ["Harbor Ledger", "Meridian Post"])
        #expect(stories[0]["first_seen"] == "2026-11-20T09:00:00Z")
        #expect(documents.count == 3)
    }

    @Test("markdown shows stories with outlets, span, summary and entity chips, then other articles, escaped")
    func markdown() throws {
        let text = try render("markdown")
        #expect(text.hasPrefix("# daily — 2026-11-21\n\n1 story · 3 articles from 2 outlets\n"))
        #expect(text.contains("### 1. Chip rules tighten\n\n_Harbor Ledger, Meridian Post · 2026-11-20 – 2026-11-21 · 2 articles_\n"))
        #expect(text.contains("Two outlets report wider chip rules."))
        #expect(text.contains("**People:** Ana Ruiz · **Organisations:** Nordbank · **Places:** Geneva"))
        #expect(text.contains("- [Chip rules tighten](https://ledger.example/chips) — Harbor Ledger, by Ana Ruiz, 2026-11-20"))
        #expect(text.contains("- New limits on chips \\*again\\* — Meridian Post, 2026-11-21"))
        #expect(text.contains("## Other articles\n\n### Rain in &lt;Lisbon&gt;\n"))
        #expect(!text.contains("<Lisbon>"))
    }

    @Test("the same batch in any order gives byte-identical files", arguments: ["jsonl", "json", "markdown"])
    func deterministic(format: String) throws {
        var reversed = Sample.batch()
        reversed.documents.reverse()
        #expect(try render(format) == render(format, reversed))
    }

    @Test("an empty batch still writes a valid digest")
    func empty() throws {
        #expect(try render("jsonl", Batch(documents: [])) == "")
        #expect(try JSONValue.parse(render("json", Batch(documents: [])))["documents"] == [])
        #expect(try render("markdown", Batch(documents: [])).contains("_No articles today._"))
    }

    @Test("the file goes where the path says, with placeholders, atomically")
    func writesFile() async throws {
        let harness = try StageHarness(ExportStage.self, options: ["format": "markdown", "path": "digests/{name}-{date}.md"])
        _ = try await harness.process(Sample.batch())
        let url = harness.directory.appendingPathComponent("digests/test-2026-11-20.md")
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("# test — 2026-11-20"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["test-2026-11-20.md"])
    }

    @Test("an unwritable path fails this export only")
    func unwritable() async throws {
        let blocked = try StageHarness(ExportStage.self, options: ["format": "json", "path": "blocker/x.json"])
        try Data("file".utf8).write(to: blocked.directory.appendingPathComponent("blocker"))
        await #expect(throws: OutputFile.Failure.self) { _ = try await blocked.process(Sample.batch()) }
        let fine = try StageHarness(ExportStage.self, options: ["format": "jsonl", "path": "ok.jsonl"], directory: blocked.directory)
        _ = try await fine.process(Sample.batch())
        #expect(FileManager.default.fileExists(atPath: blocked.directory.appendingPathComponent("ok.jsonl").path))
    }

    @Test("options are checked when the pipeline loads")
    func badOptions() {
        #expect(throws: PipelineValidationError.self) { try StageHarness(ExportStage.self, options: ["format": "pdf"]) }
        #expect(throws: PipelineValidationError.self) { try StageHarness(ExportStage.self, options: ["path": "out/"]) }
    }
}
