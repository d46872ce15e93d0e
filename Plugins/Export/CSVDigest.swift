import Foundation
import PipelineKit

/// The digest as CSV per RFC 4180: a header row, CRLF line ends, and a field
/// quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
///
/// ``ExportStage/CSVRows/documents`` writes one row per document, in digest order;
/// ``ExportStage/CSVRows/mentions`` one row per entity mentioned in a document.
struct CSVDigest {
    let digest: Digest
    let rows: ExportStage.CSVRows
    /// How many entities and keywords a document row lists.
    let top: Int

    static let documentColumns = ["id", "story", "title", "site", "published", "url", "entities", "keywords"]
    static let mentionColumns = ["document", "story", "site", "published", "entity", "type", "count"]

    func render() -> String {
        var out = Self.record(rows == .documents ? Self.documentColumns : Self.mentionColumns)
        for document in digest.documents {
            let story = digest.storyID(of: document) ?? ""
            let published = document.published.map(Timestamp.iso8601) ?? ""
            switch rows {
            case .documents:
                out += Self.record([
                    document.id, story, document.title ?? "", document.site ?? "", published, document.url ?? "",
                    document.entities.prefix(top).map(\.text).joined(separator: "; "),
                    document.keywords.prefix(top).map(\.term).joined(separator: "; "),
                ])
            case .mentions:
                for entity in document.entities {
                    out += Self.record([
                        document.id, story, document.site ?? "", published, entity.text,
                        entity.type.rawValue, String(entity.count),
                    ])
                }
            }
        }
        return out
    }

    /// One CSV record, CRLF-terminated.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when RFC 4180 requires it. Text a spreadsheet would
    /// run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, and not
    /// a plain number) gets a leading `'`, so a scraped title cannot become one.
    /// Control characters other than tab and line ends are dropped: a NUL or
    /// an escape sequence has no place in a cell.
    static func field(_ raw: String) -> String {
        var value = ControlCharacters.stripped(raw, keeping: ["\r"])
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
