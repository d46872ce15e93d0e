import Foundation
import PipelineKit
import Testing
import TextKit

@testable import Extract

@Suite("extract: dates, quotes and figures")
struct FactTests {
    // Thursday 9 January 2025.
    let facts = FactExtractor(published: Timestamp.parse("2025-01-09"))

    func dates(_ text: String, _ extractor: FactExtractor? = nil) -> [String] {
        (extractor ?? facts).facts(in: [text]).dates.map { "\($0.text)=\($0.date)" }
    }

    @Test("absolute dates in the common orders are normalised")
    func absolute() {
        #expect(
            dates("It began on March 31, 2011 and ended 9 January 2025.") == [
                "March 31, 2011=2011-03-31", "9 January 2025=2025-01-09",
            ])
        #expect(
            dates("By Jan. 20 the rules applied; in 2017 the plan was new; by November 2024 it had changed.")
                == ["Jan. 20=2025-01-20", "2017=2017", "November 2024=2024-11"])
    }

    @Test("relative dates resolve against the published date")
    func relative() {
        #expect(
            dates("Yesterday shares fell; on Monday they rose; last year they doubled.")
                == ["Yesterday=2025-01-08", "Monday=2025-01-06", "last year=2024"])
        #expect(
            dates("Three days ago, and next month, and tomorrow.") == [
                "Three days ago=2025-01-06", "next month=2025-02", "tomorrow=2025-01-10",
            ])
        #expect(dates("Yesterday shares fell.", FactExtractor(published: nil)).isEmpty)
    }

    @Test("lowercase may and march are not months")
    func notMonths() {
        #expect(dates("Prices may 5 times rise as troops march 10 miles.").isEmpty)
    }

    @Test("quotes get the speaker named next to them")
    func quotes() {
        let found = facts.facts(in: [
            "“We underestimated how fast they could move,” said Lennart Heim.",
            "“The gap is closing quickly,” Schmidt said in November.",
            "Heim said: “Controls buy time, not victory.”",
            "“It is complicated,” he said.",
            "He called it \"a shock\" only.",
        ]).quotes
        #expect(
            found.map(\.text) == [
                "We underestimated how fast they could move", "The gap is closing quickly",
                "Controls buy time, not victory.",
                "It is complicated",
            ])
        #expect(found.map(\.speaker) == ["Lennart Heim", "Schmidt", "Heim", nil])
    }

    @Test("money and percent figures carry value and currency")
    func figures() {
        let found = facts.facts(in: [
            "Revenue rose 12.5% to $1.2bn, or US$3 million, and 40 per cent of 500 million yuan went abroad; €20 billion more."
        ]).figures
        #expect(
            found.map(\.text) == ["12.5%", "$1.2bn", "US$3 million", "40 per cent", "500 million yuan", "€20 billion"])
        #expect(found.map(\.kind) == [.percent, .money, .money, .percent, .money, .money])
        #expect(found.map(\.value) == [12.5, 1.2e9, 3e6, 40, 5e8, 2e10])
        #expect(found.map(\.currency) == [nil, "USD", "USD", nil, "CNY", "EUR"])
    }

    @Test("a number's parts read from its bytes agree with the Character path")
    func amountParts() {
        for text in [
            "1", "1,200", "3.5", "1.2bn", "1,234,567.89", "20BN", "5m", "12a3", "1e5", "7Zz", "0x1F", "9,", "2019",
        ] {
            let ascii = FactExtractor.asciiAmountParts(text), general = FactExtractor.amountParts(text)
            #expect(ascii.digits == general.digits && ascii.suffix == general.suffix, "\(text)")
        }
        #expect(FactExtractor.asciiAmountParts("1,200bn") == ("1200", "bn"))
        let number = { (text: String) in Token(text: text, range: text.startIndex..<text.endIndex, kind: .number) }
        #expect(FactExtractor.amount(number("1,200"))! == (1200, false))
        #expect(FactExtractor.amount(number("2.5bn"))! == (2.5e9, true))
        #expect(FactExtractor.amount(number("12xyz")) == nil)
    }
}
