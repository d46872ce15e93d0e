import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Timestamps and JSON")
struct TimestampTests {
    @Test(
        "ISO 8601, RFC 3339 and RFC 822 forms parse to the same instant",
        arguments: [
            "2026-11-20T09:14:02Z", "2026-11-20T10:14:02+01:00", "2026-11-20 09:14:02", "2026-11-20T09:14:02.250Z",
            "Fri, 20 Nov 2026 09:14:02 GMT", "20 Nov 2026 04:14:02 EST", "Fri, 20 Nov 2026 10:14:02 +0100",
        ])
    func parses(_ text: String) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(Timestamp.iso8601(date) == "2026-11-20T09:14:02Z")
    }

    @Test("dates alone are midnight UTC; nonsense is nil")
    func edges() {
        #expect(Timestamp.parse("2024-02-29").map(Timestamp.iso8601) == "2024-02-29T00:00:00Z")
        #expect(Timestamp.parse("1969-07-20T20:17:40Z").map(Timestamp.iso8601) == "1969-07-20T20:17:40Z")
        #expect(Timestamp.parse("2026-13-01") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parse("") == nil)
    }

    @Test("JSON output escapes control characters and keeps key order")
    func jsonOutput() throws {
        let value: JSONValue = ["b": "line\nbreak \"quoted\" \u{01}", "a": [1, 2.5, true, .null], "c": [:]]
        #expect(value.compact == #"{"b":"line\nbreak \"quoted\" \u0001","a":[1,2.5,true,null],"c":{}}"#)
        #expect(try JSONValue.parse(value.compact) == value.sortedKeys())
        #expect(JSONValue.object(sorting: ["z": 1, "a": 2]).compact == #"{"a":2,"z":1}"#)
    }

    @Test("strings keep every character: escapes between plain runs, line separators for JavaScript, non-ASCII as is")
    func jsonStrings() throws {
        let text = "Zoë said \"ça va\"\tC:\\path\r\nnext\u{2028}line\u{2029}para \u{1F}€ 東京 🙂 end\u{7F}"
        let json = JSONValue.string(text).compact
        #expect(json == #""Zoë said \"ça va\"\tC:\\path\r\nnext\u2028line\u2029para \u001f€ 東京 🙂 end\#u{7F}""#)
        // Foundation reads it back to the same string.
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        #expect(decoded == text)
        #expect(JSONValue.string("").compact == #""""#)
        #expect(JSONValue.string("\u{2028}").compact == #""\u2028""#)
        #expect(JSONValue.string("\u{E2}\u{80}").compact == "\"\u{E2}\u{80}\"")
    }
}
