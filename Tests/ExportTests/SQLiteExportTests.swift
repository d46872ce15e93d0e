import Foundation
import GRDB
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// The SQLite export, read back with queries.
@Suite("Export: sqlite")
struct SQLiteExportTests {
    /// Runs the export for `date` into `path` under `directory`.
    @discardableResult
    func export(
        _ batch: Batch = RichSample.batch(), date: String = "2026-11-21", path: String = "out/digest.sqlite",
        in directory: URL? = nil
    ) async throws -> URL {
        let harness = try StageHarness(
            ExportStage.self, options: ["format": "sqlite", "path": path], directory: directory, date: date)
        _ = try await harness.process(batch)
        return harness.directory.appendingPathComponent(path)
    }

    func open(_ url: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: url.path, configuration: configuration)
    }

    /// Every row of every table, as text, for comparing two databases' contents.
    func dump(_ url: URL) throws -> [String] {
        try open(url).read { db in
            try ["runs", "stories", "documents", "entities", "keywords"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3").map { "\(table) \($0)" }
            }
        }
    }

    @Test("sqlite writes documents, stories, entities and keywords that queries read back")
    func tables() async throws {
        let url = try await export()
        try await open(url).read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") == 7)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM stories") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM entities") == 13)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM keywords") == 6)
            let story = try #require(try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = 'story-chips'"))
            #expect(story["headline"] == "US widens limits on advanced chip sales")
            #expect(story["size"] == 3)
            #expect(story["first_seen"] == "2026-11-19T08:15:00Z")
            #expect(story["last_seen"] == "2026-11-20T11:05:00Z")
            #expect(story["outlets"] == #"["Harbor Ledger","Meridian Post","Coastal Wire"]"#)
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT value FROM json_each((SELECT outlets FROM stories WHERE id = 'story-port'))")
                    == ["Harbor Ledger", "Meridian Post"])
            // A user's question: which stories mention Rotterdam, from which outlets?
            let rotterdam = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT d.story, d.site FROM entities e JOIN documents d ON d.id = e.document
                    WHERE e.text = 'Rotterdam' ORDER BY d.site
                    """)
            #expect(
                rotterdam.map { [$0["story"], $0["site"]] as [String?] } == [
                    ["story-port", "Harbor Ledger"], ["story-port", "Meridian Post"],
                ])
            let hostile = try #require(
                try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ?", arguments: ["odd/\"quoted\", id"]))
            #expect(hostile["title"] == "<script>alert(\"x\")</script> Tom & Jerry's \"best\"\nday")
            #expect(hostile["story"] as String? == nil)
            // Control characters are dropped from stored text (ControlCharacterExportTests); line breaks stay.
            #expect(hostile["text"] == "First line,\nsecond line with \"quotes\", and a bell here.")
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT term FROM keywords WHERE document = 'ledger/chips-rules.html' ORDER BY rank")
                    == ["chip curbs", "export rules"])
            #expect(try Row.fetchOne(db, sql: "SELECT * FROM runs")?["documents"] == 7)
            let indexes = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            #expect(
                indexes == [
                    "documents_published", "documents_site", "documents_story", "entities_text", "entities_type",
                    "keywords_term",
                ])
            let plan = try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT document FROM entities WHERE text = 'Rotterdam'"
            )
            .map { $0["detail"] as String }.joined()
            #expect(plan.contains("entities_text"), "lookups by name use the index")
        }
    }

    @Test("a second day's run adds new documents and updates the ones seen again, without duplicates")
    func secondDay() async throws {
        let url = try await export()
        let folder = url.deletingLastPathComponent().deletingLastPathComponent()
        var next = RichSample.batch()
        next.documents = next.documents.filter { $0.id.hasPrefix("ledger/") }
        next.documents[0].title = "Washington widens curbs on chip sales, again"
        next.documents[0].entities = [Entity(text: "Commerce Department", type: .organization, count: 5)]
        var fresh = Document(
            id: "ledger/new.html", source: "inbox/ledger/new.html", title: "Ferry timetable changes",
            published: Timestamp.parse("2026-11-22T07:00:00Z"), site: "Harbor Ledger", text: ["Ferries run later."])
        fresh.keywords = [Keyword(term: "ferry", score: 1)]
        next.documents.append(fresh)
        next.stories = next.stories.filter { $0.id == "story-chips" }
        next.stories[0].members = ["ledger/chips-rules.html"]
        try await export(next, date: "2026-11-22", in: folder)

        try await open(url).read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") == 8)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM documents") == 8)
            let updated = try #require(
                try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = 'ledger/chips-rules.html'"))
            #expect(updated["title"] == "Washington widens curbs on chip sales, again")
            #expect(updated["first_run"] == "2026-11-21")
            #expect(updated["last_run"] == "2026-11-22")
            let untouched = try #require(try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = 'wire/w-1300'"))
            #expect(untouched["last_run"] == "2026-11-21")
            #expect(
                try Row.fetchAll(db, sql: "SELECT text, count FROM entities WHERE document = 'ledger/chips-rules.html'")
                    .map { "\($0["text"] as String) \($0["count"] as Int)" } == ["Commerce Department 5"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM stories") == 2)
            let story = try #require(try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = 'story-chips'"))
            #expect(story["size"] == 1)
            #expect(story["first_run"] == "2026-11-21")
            #expect(story["last_run"] == "2026-11-22")
            #expect(
                try String.fetchAll(db, sql: "SELECT date FROM runs ORDER BY date") == ["2026-11-21", "2026-11-22"])
            #expect(
                try String.fetchOne(db, sql: "SELECT term FROM keywords WHERE document = 'ledger/new.html'") == "ferry")
        }
    }

    @Test("rerunning a day changes nothing, and the same input gives a byte-identical new database")
    func deterministic() async throws {
        let first = try await export()
        let before = try dump(first)
        try await export(in: first.deletingLastPathComponent().deletingLastPathComponent())
        #expect(try dump(first) == before)
        var shuffled = RichSample.batch()
        shuffled.documents.reverse()
        shuffled.stories.reverse()
        #expect(try dump(try await export(shuffled)) == before, "input order does not matter")
        let freshA = try await export(path: "a.sqlite")
        let freshB = try await export(shuffled, path: "b.sqlite")
        #expect(try Data(contentsOf: freshA) == Data(contentsOf: freshB))
    }

    @Test("a database export did not make is refused and left as it was")
    func foreignDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("theirs.sqlite")
        try await DatabaseQueue(path: url.path).write { db in
            try db.execute(sql: "CREATE TABLE documents (name TEXT); INSERT INTO documents VALUES ('keep me')")
        }
        let before = try Data(contentsOf: url)
        await #expect {
            try await export(path: "theirs.sqlite", in: folder)
        } throws: { error in
            "\(error)".contains("theirs.sqlite") && "\(error)".contains("export did not make")
        }
        #expect(try Data(contentsOf: url) == before)

        try Data("not a database at all".utf8).write(to: folder.appendingPathComponent("text.sqlite"))
        await #expect(throws: OutputFile.Failure.self) { try await export(path: "text.sqlite", in: folder) }
    }

    @Test("an unwritable sqlite path fails with a clear error, leaving no temporary file")
    func unwritable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("file".utf8).write(to: folder.appendingPathComponent("blocker"))
        await #expect {
            try await export(path: "blocker/digest.sqlite", in: folder)
        } throws: { error in
            (error as? OutputFile.Failure)?.reason.contains("cannot create folder") == true
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("is-a-folder.sqlite"), withIntermediateDirectories: true)
        await #expect {
            try await export(path: "is-a-folder.sqlite", in: folder)
        } throws: { error in
            "\(error)".contains("is-a-folder.sqlite") && "\(error)".contains("folder")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "blocker", "is-a-folder.sqlite",
            ])
    }
}

@Suite("Export: device and FIFO paths")
struct ExportDevicePathTests {
    @Test("a sqlite export onto a FIFO fails that export without opening (and blocking on) the FIFO")
    func sqliteOntoFIFO() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipe-fifo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let fifo = folder.appendingPathComponent("out/digest.sqlite")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let harness = try StageHarness(
            ExportStage.self, options: ["format": "sqlite", "path": "out/digest.sqlite"],
            directory: folder)
        await #expect(throws: OutputFile.Failure.self) { _ = try await harness.process(RichSample.batch()) }
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("an absolute export path naming a device is refused when the pipeline is validated")
    func deviceAtValidation() {
        #expect(throws: (any Error).self) {
            _ = try StageHarness(ExportStage.self, options: ["format": "markdown", "path": "/dev/null"])
        }
    }
}

@Suite("Export: sqlite when the run is interrupted")
struct SQLiteInterruptTests {
    @Test("an interrupted run rolls back its update of an existing digest: no row of it lands")
    func rollsBack() async throws {
        let first = try StageHarness(
            ExportStage.self, options: ["format": "sqlite", "path": "out/d.sqlite"], date: "2026-11-20")
        _ = try await first.process(RichSample.batch())
        let url = first.directory.appendingPathComponent("out/d.sqlite")
        let before = try Data(contentsOf: url)
        let second = try StageHarness(
            ExportStage.self, options: ["format": "sqlite", "path": "out/d.sqlite"],
            directory: first.directory, date: "2026-11-21")
        second.context.cancellation.cancel()
        await #expect(throws: CancellationError.self) { _ = try await second.process(RichSample.batch()) }
        #expect(try Data(contentsOf: url) == before)
        #expect(
            !FileManager.default.fileExists(atPath: first.directory.appendingPathComponent("out/d.sqlite-journal").path)
        )
    }
}
