import Foundation
import PipelineKit
import Testing
@testable import Export

@Suite("Export: dates as people read them")
struct DateTextTests {
    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test("a span is said as briefly as the two dates allow")
    func spans() {
        #expect(DateText.span(at("2026-11-20T08:00:00Z"), at("2026-11-20T23:00:00Z")) == "20 Nov 2026")
        #expect(DateText.span(at("2026-11-19T08:00:00Z"), at("2026-11-21T01:00:00Z")) == "19–21 Nov 2026")
        #expect(DateText.span(at("2026-11-30T08:00:00Z"), at("2026-12-02T01:00:00Z")) == "30 Nov – 2 Dec 2026")
        #expect(DateText.span(at("2026-12-31T08:00:00Z"), at("2027-01-01T01:00:00Z")) == "31 Dec 2026 – 1 Jan 2027")
        #expect(
            DateText.span(at("2026-11-21T08:00:00Z"), at("2026-11-19T01:00:00Z")) == "19–21 Nov 2026",
            "order does not matter")
        #expect(DateText.span(nil, at("2026-11-20T08:00:00Z")) == "20 Nov 2026")
        #expect(DateText.span(nil, nil) == nil)
    }

    @Test("the run date is written out with its weekday, in UTC")
    func long() {
        #expect(DateText.long("2026-11-20") == "Friday 20 November 2026")
        #expect(DateText.long("2025-01-09") == "Thursday 9 January 2025")
        #expect(DateText.long("1969-12-31") == "Wednesday 31 December 1969")
        #expect(DateText.long("2024-02-29") == "Thursday 29 February 2024")
        #expect(DateText.long("not a date") == "not a date")
    }
}
