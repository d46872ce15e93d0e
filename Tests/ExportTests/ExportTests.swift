import Foundation
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// A small digest we wrote: one story from two outlets, one article alone.
enum Sample {
    static func batch() -> Batch {
        var chipA = Document(
            id: "ledger/chips.html", source: "ledger/chips.html", url: "https://ledger.example/chips",
            title: "Chip rules tighten", author: "Ana Ruiz", published: Timestamp.parse("2026-11-20T09:00:00Z"),
            site: "Harbor Ledger", language: "en",
            text: ["Regulators widened the rules on Tuesday.", "Makers said <b>costs</b> would rise."])
        chipA.entities = [
            Entity(text: "Ana Ruiz", type: .person, count: 1), Entity(text: "Nordbank", type: .organization, count: 2),
        ]
        chipA.keywords = [Keyword(term: "chip rules", score: 0.91234567), Keyword(term: "costs", score: 0.5)]
        chipA.story = "s-chips"
        chipA.summary = "Regulators widened the rules."
        chipA.attributes["duplicate_of"] = .null
        var chipB = Document(
            id: "meridian/chips.txt", source: "meridian/chips.txt", title: "New limits on chips *again*",
            published: Timestamp.parse("2026-11-21T07:30:00Z"), site: "Meridian Post",
            text: ["The limits cover more models."])
        chipB.story = "s-chips"
        chipB.entities = [Entity(text: "Geneva", type: .location, count: 1)]
        let alone = Document(
            id: "wire/w-9", source: "w-9", title: "Rain in <Lisbon>",
            published: Timestamp.parse("2026-11-19T12:00:00Z"),
            text: ["It rained."])
        let story = Story(
            id: "s-chips", members: ["ledger/chips.html", "meridian/chips.txt"], headline: "Chip rules tighten",
            summary: "Two outlets report wider chip rules.", entities: chipA.entities + chipB.entities,
            firstSeen: chipA.published, lastSeen: chipB.published,
            outlets: ["Harbor Ledger", "Meridian Post"])
        return Batch(documents: [alone, chipA, chipB], stories: [story])
    }
}

@Suite("Export")
struct ExportTests {
    func render(_ format: String, _ batch: Batch = Sample.batch()) throws -> String {
        let harness = try StageHarness(ExportStage.self, options: ["format": format])
        return try #require(harness.stage.render(Digest(batch: batch, pipeline: "daily", date: "2026-11-21")))
    }

    @Test("jsonl writes one contract object per document, story members first")
    func jsonl() throws {
        let raw = try render("jsonl").split(separator: "\n").map(String.init)
        let lines = try raw.map { try JSONValue.parse($0) }
        #expect(lines.count == 3)
        #expect(lines.map { $0["id"]?.stringValue } == ["ledger/chips.html", "meridian/chips.txt", "wire/w-9"])
        let first = lines[0]
        // The contract's field order, as written on the line.
        let keys = [
            "id", "source", "url", "title", "author", "published", "site", "language", "text",
            "entities", "keywords", "story", "summary", "attributes",
        ]
        let positions = keys.map { raw[0].range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(first["text"] == "Regulators widened the rules on Tuesday.\n\nMakers said <b>costs</b> would rise.")
        #expect(first["published"] == "2026-11-20T09:00:00Z")
        let entities: JSONValue = [
            ["text": "Ana Ruiz", "type": "person", "count": 1],
            ["text": "Nordbank", "type": "organization", "count": 2],
        ]
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

    @Test(
        "markdown has the HTML digest's structure: header, stories with span, summary, linked outlets, chips and articles, then other articles, escaped"
    )
    func markdown() throws {
        let text = try render("markdown")
        #expect(
            text.hasPrefix("# daily — Saturday 21 November 2026\n\n1 story · 3 articles · 2 outlets\n\n## Stories\n\n"))
        #expect(
            text.contains(
                """
                ### 1. Chip rules tighten

                _20–21 Nov 2026 · 2 articles_

                Two outlets report wider chip rules.

                **Outlets:** [Harbor Ledger](https://ledger.example/chips), Meridian Post

                **People:** Ana Ruiz · **Organisations:** Nordbank · **Places:** Geneva

                - [Chip rules tighten](https://ledger.example/chips) — Harbor Ledger · by Ana Ruiz · 20 Nov 2026
                - New limits on chips \\*again\\* — Meridian Post · 21 Nov 2026

                ## Other articles

                ### Rain in &lt;Lisbon&gt;

                _19 Nov 2026_

                It rained.

                """))
        #expect(!text.contains("<Lisbon>"))
    }

    @Test(
        "a story carried from earlier days says which day it is on and how many articles are new, in markdown and HTML")
    func continuing() throws {
        var batch = Sample.batch()
        batch.stories[0].attributes["continuing_day"] = .int(3)
        batch.stories[0].attributes["earlier_articles"] = .int(5)
        #expect(
            try render("markdown", batch).contains(
                "### 1. Chip rules tighten\n\n_20–21 Nov 2026 · continuing, day 3 · 2 new articles (5 earlier)_\n"))
        #expect(try render("html", batch).contains("continuing, day 3 · 2 new articles (5 earlier)"))
        // Without the state store's attributes the line is as before.
        #expect(try render("markdown").contains("_20–21 Nov 2026 · 2 articles_"))
        #expect(!(try render("markdown")).contains("continuing"))
    }

    @Test(
        "markdown keeps hostile text inert: markup, link syntax and line breaks are escaped, javascript: is not linked")
    func markdownEscaping() throws {
        let harness = try StageHarness(ExportStage.self, options: ["format": "markdown"])
        let text = try #require(
            harness.stage.render(Digest(batch: RichSample.batch(), pipeline: "daily", date: "2026-11-21")))
        #expect(text.contains("### &lt;script&gt;alert(\"x\")&lt;/script&gt; Tom & Jerry's \"best\" day\n"))
        #expect(!text.contains("javascript:"))
        #expect(text.contains("**Mentions:** Smith, Jones & Co, &lt;b&gt;Bold&lt;/b&gt; Person"))
        #expect(text.contains("### 2. Rotterdam dock strike &lt;halts&gt; ships"))
    }

    @Test(
        "markdown never lets a scraped text open a list: a leading dash, plus or number-dot is escaped, figures are not"
    )
    func markdownListStarts() throws {
        var document = Document(
            id: "a.html", source: "a.html", title: "1. Ports reopen after the storm", site: "Harbor Ledger",
            text: ["- Crews cleared the quay overnight, the port said."])
        document.summary = "- Crews cleared the quay overnight, the port said."
        var figures = Document(
            id: "b.html", source: "b.html", title: "3.25% is the new rate", site: "Harbor Ledger",
            text: ["+ 40 jobs at the yard, and -2 degrees on the quay."])
        figures.summary = "-2 degrees on the quay and 3.25% on loans."
        let harness = try StageHarness(ExportStage.self, options: ["format": "markdown"])
        let text = try #require(
            harness.stage.render(
                Digest(batch: Batch(documents: [document, figures]), pipeline: "daily", date: "2026-11-21")))
        #expect(text.contains("1\\. Ports reopen after the storm"))
        #expect(text.contains("\\- Crews cleared the quay overnight"))
        #expect(!text.contains("\n- Crews"))
        #expect(text.contains("3.25% is the new rate"))
        #expect(text.contains("-2 degrees on the quay and 3.25% on loans."))
    }

    @Test("markdown keeps a lone ampersand as it is and escapes one that would start an entity")
    func markdownAmpersands() throws {
        let document = Document(
            id: "a.html", source: "a.html", title: "Signal & Circuit names &copy; owner &#169;", site: "Harbor Ledger",
            text: ["Text."])
        let harness = try StageHarness(ExportStage.self, options: ["format": "markdown"])
        let text = try #require(
            harness.stage.render(Digest(batch: Batch(documents: [document]), pipeline: "daily", date: "2026-11-21")))
        #expect(text.contains("Signal & Circuit names &amp;copy; owner &amp;\\#169;"))
    }

    @Test(
        "the same batch in any order gives byte-identical files",
        arguments: ["jsonl", "json", "markdown", "html", "csv", "atom"])
    func deterministic(format: String) throws {
        var reversed = RichSample.batch()
        reversed.documents.reverse()
        reversed.stories.reverse()
        #expect(try render(format, RichSample.batch()) == render(format, reversed))
    }

    @Test("an empty batch still writes a valid digest")
    func empty() throws {
        #expect(try render("jsonl", Batch(documents: [])) == "")
        #expect(try JSONValue.parse(render("json", Batch(documents: [])))["documents"] == [])
        #expect(try render("markdown", Batch(documents: [])).contains("_No articles today._"))
    }

    @Test("the file goes where the path says, with placeholders, atomically")
    func writesFile() async throws {
        let harness = try StageHarness(
            ExportStage.self, options: ["format": "markdown", "path": "digests/{name}-{date}.md"])
        _ = try await harness.process(Sample.batch())
        let url = harness.directory.appendingPathComponent("digests/test-2026-11-20.md")
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("# test — Friday 20 November 2026"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == [
                "test-2026-11-20.md"
            ])
    }

    @Test("a jsonl file written in chunks on several threads has every document once, in order")
    func jsonlChunks() async throws {
        // More documents than one chunk, and not a multiple of it.
        let count = 2 * JSONLinesDigest.linesPerChunk + 17
        let documents = (0..<count).map { index in
            Document(id: String(format: "doc-%04d", index), source: "s", text: ["Paragraph \(index)."])
        }
        let harness = try StageHarness(ExportStage.self, options: ["format": "jsonl", "path": "all.jsonl"])
        _ = try await harness.process(Batch(documents: documents))
        let written = try String(contentsOf: harness.directory.appendingPathComponent("all.jsonl"), encoding: .utf8)
        let ids = try written.split(separator: "\n").map { try JSONValue.parse(String($0))["id"]?.stringValue }
        #expect(ids == documents.map(\.id))
        #expect(written == documents.map(JSONLinesDigest.line).joined())
    }

    @Test("an unwritable path fails this export only")
    func unwritable() async throws {
        let blocked = try StageHarness(ExportStage.self, options: ["format": "json", "path": "blocker/x.json"])
        try Data("file".utf8).write(to: blocked.directory.appendingPathComponent("blocker"))
        await #expect(throws: OutputFile.Failure.self) { _ = try await blocked.process(Sample.batch()) }
        let fine = try StageHarness(
            ExportStage.self, options: ["format": "jsonl", "path": "ok.jsonl"], directory: blocked.directory)
        _ = try await fine.process(Sample.batch())
        #expect(FileManager.default.fileExists(atPath: blocked.directory.appendingPathComponent("ok.jsonl").path))
    }

    @Test(
        "every format writes where its path says, placeholders filled; sqlite and atom default to one undated file",
        arguments: ["markdown", "json", "jsonl", "html", "csv", "sqlite", "atom"])
    func defaultPaths(format: String) async throws {
        let explicit = try StageHarness(
            ExportStage.self, options: ["format": format, "path": "a/{date}/{name}.{format}"])
        _ = try await explicit.process(RichSample.batch())
        #expect(
            FileManager.default.fileExists(
                atPath: explicit.directory.appendingPathComponent("a/2026-11-20/test.\(format)").path))
        let implicit = try StageHarness(ExportStage.self, options: ["format": format])
        _ = try await implicit.process(RichSample.batch())
        let name =
            ["sqlite": "test.sqlite", "atom": "test.atom", "markdown": "test-2026-11-20.md"][format]
            ?? "test-2026-11-20.\(format)"
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: implicit.directory.appendingPathComponent("out").path)
                == [name])
    }

    @Test(
        "an unwritable path fails that export only, with its path in the error, for every format",
        arguments: ["markdown", "html", "csv", "sqlite", "atom"])
    func unwritableAnyFormat(format: String) async throws {
        let blocked = try StageHarness(ExportStage.self, options: ["format": format, "path": "blocker/x.out"])
        try Data("file".utf8).write(to: blocked.directory.appendingPathComponent("blocker"))
        await #expect {
            _ = try await blocked.process(RichSample.batch())
        } throws: { error in
            "\(error)".hasPrefix("cannot write ") && "\(error)".contains("blocker")
        }
        let fine = try StageHarness(
            ExportStage.self, options: ["format": format, "path": "ok.out"], directory: blocked.directory)
        _ = try await fine.process(RichSample.batch())
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: blocked.directory.path).sorted() == [
                "blocker", "ok.out",
            ])
    }

    @Test("options are checked when the pipeline loads, and one format's options are refused with another")
    func badOptions() {
        #expect(throws: PipelineValidationError.self) { try StageHarness(ExportStage.self, options: ["format": "pdf"]) }
        #expect(throws: PipelineValidationError.self) { try StageHarness(ExportStage.self, options: ["path": "out/"]) }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ExportStage.self, options: ["format": "csv", "csv_top": "0"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ExportStage.self, options: ["format": "atom", "feed_url": "news.atom"])
        }
        #expect { try StageHarness(ExportStage.self, options: ["format": "html", "csv_rows": "mentions"]) } throws: {
            error in
            "\(error)".contains("`csv_rows` applies to `csv` only, not to `html`")
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ExportStage.self, options: ["format": "jsonl", "pretty": "false"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ExportStage.self, options: ["format": "csv", "feed_url": "https://x.example/f"])
        }
        #expect(throws: Never.self) {
            try StageHarness(ExportStage.self, options: ["format": "markdown", "title": "Morning", "chips": "3"])
        }
        #expect(throws: Never.self) {
            try StageHarness(
                ExportStage.self, options: ["format": "atom", "title": "Morning", "feed_url": "https://x.example/f"])
        }
    }
}
