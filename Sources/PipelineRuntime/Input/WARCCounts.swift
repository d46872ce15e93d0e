import Foundation
import PipelineKit

/// What the records of WARC files became: pages read as documents, records
/// passed over by what they were, records set aside.
///
/// A crawl file holds far more than articles (the requests sent, metadata,
/// images, redirects); the run report says how many of each were passed over
/// so a user can tell a crawl with no pages from a reader that found none.
public struct WARCCounts: Sendable, Codable, Equatable {
    /// HTML `response` records read as documents.
    public var documents = 0
    /// Records passed over, by what they were: a record type (`request`,
    /// `metadata`, `warcinfo`, `revisit`…) or, for responses, `non-HTML`,
    /// `non-HTTP`, `redirect`, `error status` or `other status`.
    public var skipped: [String: Int] = [:]
    /// Records set aside as rejects (and a file's unreadable rest, once).
    public var setAside = 0

    public init() {}

    /// These counts plus `other`'s.
    mutating func add(_ other: WARCCounts) {
        documents += other.documents
        skipped.merge(other.skipped, uniquingKeysWith: +)
        setAside += other.setAside
    }

    /// The counts of every unit that had any, or nil when none was a WARC file
    /// (the run report then says nothing about WARC).
    static func total(_ counts: [WARCCounts?]) -> WARCCounts? {
        var total: WARCCounts?
        for case let count? in counts {
            total = total ?? WARCCounts()
            total?.add(count)
        }
        return total
    }

    /// Skipped kinds, most first, then by name: `2 request, 1 metadata`.
    var skippedText: String {
        skipped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// The end-of-run line: `3 HTML responses read; skipped 2 request, 1 metadata; 1 set aside`.
    public var summary: String {
        var text = "\(documents) HTML \(documents == 1 ? "response" : "responses") read"
        if !skipped.isEmpty { text += "; skipped " + skippedText }
        if setAside > 0 { text += "; \(setAside) set aside" }
        return text
    }

    /// The run report's `warc` object.
    var json: JSONValue {
        [
            "documents": .int(documents), "skipped": .object(sorting: skipped.mapValues { .int($0) }),
            "set_aside": .int(setAside),
        ]
    }
}
