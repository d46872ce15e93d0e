import Foundation
import PipelineKit
import PipelineTesting
import Testing
@testable import Export

/// An RFC 4180 reader, written here so the CSV export is checked by a parser
/// that is not its own writer: quoted fields with commas, doubled quotes and
/// line breaks; CRLF or LF record ends.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        quoted = false
                        guard scalars.first.map({ $0 == "," || $0 == "\r" || $0 == "\n" }) ?? true else {
                            throw Malformed(description: "text after a closing quote in record \(records.count + 1)")
                        }
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw Malformed(description: "a quote inside an unquoted field")
                }
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\r", "\n":
                if scalar == "\r" {
                    guard scalars.first == "\n" else { throw Malformed(description: "a bare CR") }
                    scalars.removeFirst()
                }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                wasQuoted = false
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Malformed(description: "an unclosed quote") }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            record.append(field)
            records.append(record)
        }
        return records
    }
}

@Suite("Export: csv")
struct CSVExportTests {
    func render(_ options: [String: String] = [:], _ batch: Batch = RichSample.batch()) throws -> String {
        let harness = try StageHarness(ExportStage.self, options: options.merging(["format": "csv"]) { a, _ in a })
        return try #require(harness.stage.render(Digest(batch: batch, pipeline: "daily", date: "2026-11-21")))
    }

    @Test("the reader used by these tests handles quotes, commas and line breaks")
    func reader() throws {
        #expect(
            try CSVReader.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\r\n") == [
                ["a", "b,c", "say \"hi\""], ["two\r\nlines", "", "x"],
            ])
        #expect(throws: CSVReader.Malformed.self) { try CSVReader.parse("a,\"b\n") }
        #expect(throws: CSVReader.Malformed.self) { try CSVReader.parse("a\"b\n") }
    }

    @Test("csv writes a header and one row per document in digest order, every field read back as written")
    func documents() throws {
        let text = try render()
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "records end in CRLF")
        let rows = try CSVReader.parse(text)
        #expect(rows.first == ["id", "story", "title", "site", "published", "url", "entities", "keywords"])
        #expect(rows.count == 8)
        #expect(rows.allSatisfy { $0.count == 8 })
        #expect(
            rows.dropFirst().map { $0[0] } == [
                "ledger/chips-rules.html", "meridian/chip-limits.txt", "wire/w-1204",
                "ledger/port-strike.html", "meridian/port.txt", "wire/w-1300", "odd/\"quoted\", id",
            ])
        #expect(
            rows[1] == [
                "ledger/chips-rules.html", "story-chips", "Washington widens curbs on advanced chip sales",
                "Harbor Ledger", "2026-11-19T08:15:00Z", "https://ledger.example/tech/chips-rules",
                "Commerce Department; Nordbank; Ana Ruiz; Washington", "chip curbs; export rules",
            ])
        #expect(rows[6][1] == "", "an article in no story has an empty story field")
        #expect(
            rows[7] == [
                "odd/\"quoted\", id", "", "<script>alert(\"x\")</script> Tom & Jerry's \"best\"\nday",
                "Odd, Quoted \"Site\"", "2026-11-18T23:59:00Z", "javascript:alert(1)",
                "Smith, Jones & Co; <b>Bold</b> Person", "a \"quoted\" term; comma, term",
            ])
    }

    @Test("csv keeps scraped text from running as a spreadsheet formula, and leaves numbers alone")
    func formulaInjection() {
        #expect(
            CSVDigest.field("=HYPERLINK(\"http://x.example\",\"click\")")
                == "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"")
        #expect(CSVDigest.field("+44 20 7946 0000") == "'+44 20 7946 0000")
        #expect(CSVDigest.field("@SUM(A1:A9)") == "'@SUM(A1:A9)")
        #expect(CSVDigest.field("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0")
        #expect(CSVDigest.field("-0.25") == "-0.25")
        #expect(CSVDigest.field("0.82") == "0.82")
        #expect(CSVDigest.field("Harbor Ledger") == "Harbor Ledger")
    }

    @Test("csv_top limits the entities and keywords a row lists")
    func top() throws {
        let rows = try CSVReader.parse(render(["csv_top": "1"]))
        #expect(rows[1][6] == "Commerce Department")
        #expect(rows[1][7] == "chip curbs")
    }

    @Test("csv_rows: mentions writes one row per entity mentioned in a document")
    func mentions() throws {
        let rows = try CSVReader.parse(render(["csv_rows": "mentions"]))
        #expect(rows.first == ["document", "story", "site", "published", "entity", "type", "count"])
        #expect(rows.count == 1 + 13)
        #expect(
            rows[1] == [
                "ledger/chips-rules.html", "story-chips", "Harbor Ledger", "2026-11-19T08:15:00Z",
                "Commerce Department", "organization", "3",
            ])
        #expect(
            rows.last == [
                "odd/\"quoted\", id", "", "Odd, Quoted \"Site\"", "2026-11-18T23:59:00Z",
                "<b>Bold</b> Person", "person", "1",
            ])
        #expect(rows.filter { $0[4] == "Rotterdam" }.map { $0[0] } == ["ledger/port-strike.html", "meridian/port.txt"])
    }

    @Test("an empty batch writes the header only")
    func empty() throws {
        #expect(try render([:], Batch(documents: [])) == "id,story,title,site,published,url,entities,keywords\r\n")
    }
}
