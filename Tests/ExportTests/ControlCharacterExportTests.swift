import Foundation
import GRDB
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// Scraped titles and texts can carry NUL, BEL and escape sequences; no export
/// writes them (a terminal printing the file, or a reader parsing it, would
/// act on them). JSON and JSONL escape them instead.
@Suite("Export: control characters")
struct ControlCharacterExportTests {
    static let hostile = "Bell\u{07} NUL\u{00} ESC\u{1B}]0;owned\u{07}\u{1B}[2J C1\u{9B}31m DEL\u{7F} end"

    static func batch() -> Batch {
        var document = Document(
            id: "id\u{1B}[2J", source: "wire.jsonl", url: "https://ledger.example/a\u{07}b",
            title: hostile, author: "Ana\u{00} Ruiz", site: "Ledger\u{1B}", language: "en",
            text: ["First \(hostile)", "Second\tparagraph"])
        document.summary = hostile
        document.entities = [Entity(text: "Nord\u{07}bank", type: .organization, count: 2)]
        document.keywords = [Keyword(term: "chip\u{1B}rules", score: 0.5)]
        document.story = "s-1"
        let story = Story(
            id: "s-1", members: [document.id], headline: hostile, summary: hostile, outlets: ["Ledger\u{1B}"])
        return Batch(documents: [document], stories: [story])
    }

    static func hasControl(_ text: String, allowing: Set<Unicode.Scalar> = ["\n", "\t", "\r"]) -> Bool {
        text.unicodeScalars.contains { ControlCharacters.isControl($0) && !allowing.contains($0) }
    }

    func render(_ format: String) throws -> String {
        let harness = try StageHarness(ExportStage.self, options: ["format": format])
        return try #require(harness.stage.render(Digest(batch: Self.batch(), pipeline: "daily", date: "2026-11-21")))
    }

    @Test(
        "markdown, csv, html and atom carry no control characters; the rest of the text stays",
        arguments: ["markdown", "csv", "html", "atom"])
    func textFormats(format: String) throws {
        let text = try render(format)
        #expect(!Self.hasControl(text), "\(format)")
        #expect(text.contains("owned"), "\(format)")
        #expect(text.contains("end"), "\(format)")
    }

    @Test("json and jsonl escape C0 controls as \\u00XX, so the file holds none raw")
    func jsonFormats() throws {
        for format in ["json", "jsonl"] {
            let text = try render(format)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != " " }, "\(format)")
            #expect(text.contains("\\u0007"), "\(format)")
        }
    }

    @Test("sqlite text columns carry no control characters")
    func sqlite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString.prefix(8))")
        let harness = try StageHarness(
            ExportStage.self, options: ["format": "sqlite", "path": "d.sqlite"], directory: folder)
        _ = try await harness.process(Self.batch())
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("d.sqlite").path)
        let values = try await queue.read { db in
            var values = try String.fetchAll(
                db, sql: "SELECT id || title || url || site || author || summary || text FROM documents")
            values += try String.fetchAll(db, sql: "SELECT id || headline || summary || outlets FROM stories")
            values += try String.fetchAll(db, sql: "SELECT document || text FROM entities")
            values += try String.fetchAll(db, sql: "SELECT document || term FROM keywords")
            return values
        }
        #expect(values.count == 4)
        for value in values { #expect(!Self.hasControl(value, allowing: ["\n", "\t"]), "\(value)") }
        #expect(values[0].contains("Second\tparagraph"))
    }
}
