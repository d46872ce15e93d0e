import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Extract

@Suite("extract: stage and options")
struct ExtractStageTests {
    func run(_ options: [String: String] = [:], directory: URL? = nil) throws -> Document {
        let harness = try StageHarness(ExtractStage.self, options: options, directory: directory)
        let document = Document.text(
            "chips", Fixture.chips.dropFirst().joined(separator: "\n\n"),
            title: Fixture.chips[0], published: "2025-01-09")
        let (out, verdict) = try harness.process(document)
        #expect(verdict == .keep)
        return out
    }

    @Test("fills entities, keywords and the facts attributes")
    func fills() throws {
        let document = try run()
        #expect(document.entities.contains { $0.text == "Eric Schmidt" && $0.type == .person })
        #expect(document.keywords.count == 10)
        #expect(
            document.attributes["dates"] != nil && document.attributes["quotes"] != nil
                && document.attributes["figures"] != nil)
    }

    @Test("entity_types and min_entity_count filter the entities")
    func filters() throws {
        let people = try run(["entity_types": "person"])
        #expect(!people.entities.isEmpty && people.entities.allSatisfy { $0.type == .person })
        let frequent = try run(["min_entity_count": "3"])
        #expect(!frequent.entities.isEmpty && frequent.entities.allSatisfy { $0.count >= 3 })
    }

    @Test("keywords and facts options are honoured")
    func keywordOptions() throws {
        let three = try run(["keywords": "3", "keyword_words": "1", "facts": "false"])
        #expect(three.keywords.count == 3)
        #expect(three.keywords.allSatisfy { !$0.term.contains(" ") })
        #expect(three.attributes["dates"] == nil)
    }

    @Test("a gazetteer file adds names and overrides the built-in type")
    func gazetteerFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("extract-gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# ours\nHarbor Capital Partners\tmisc\nDeepSeek\tperson\n".write(
            to: folder.appendingPathComponent("names.tsv"), atomically: true, encoding: .utf8)
        let document = try run(["gazetteers": "names.tsv"], directory: folder)
        #expect(document.entities.first { $0.text == "Harbor Capital Partners" }?.type == .misc)
        #expect(document.entities.first { $0.text == "DeepSeek" }?.type == .person)
    }

    @Test("a bad gazetteer line stops the stage at setup, naming file and line")
    func badGazetteer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("extract-gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Acme\torganization\nBeta\tcompany\n".write(
            to: folder.appendingPathComponent("bad.tsv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try StageHarness(ExtractStage.self, options: ["gazetteers": "bad.tsv"], directory: folder)
        } throws: { error in
            "\(error)".contains("bad.tsv:2") && "\(error)".contains("company")
        }
    }

    @Test("unknown entity types are rejected when options decode")
    func badType() {
        #expect(throws: (any Error).self) {
            _ = try StageHarness(ExtractStage.self, options: ["entity_types": "[people]"])
        }
    }
}

@Suite("extract: very long documents")
struct ExtractLongDocumentTests {
    @Test("only the first maxAnalysedCharacters of a document are analysed, the last paragraph cut there")
    func analysedPartIsCapped() {
        let cap = ExtractStage.maxAnalysedCharacters
        let long = String(repeating: "é", count: cap + 10)
        let part = ExtractStage.analysedPart(of: ["short", long, "never read"])
        #expect(part.count == 2)
        #expect(part[0] == "short")
        #expect(part[1].count == cap - 5)
        #expect(ExtractStage.analysedPart(of: ["a", "b"]) == ["a", "b"])
    }
}
