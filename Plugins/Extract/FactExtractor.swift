import Foundation
import PipelineKit
import TextKit

/// Dates, quotes and money/percent figures mentioned in a text.
///
/// Dates are normalised to `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; relative ones
/// ("yesterday", "last year", "on Monday", "three days ago") are resolved
/// against the article's `published` date and skipped when it is unknown.
struct FactExtractor {
    let published: Date?
    /// The publication day's year, month and day, formatted once per document (every
    /// paragraph's date search needs them).
    let publishedParts: (year: Int, month: Int, day: Int)?

    init(published: Date?) {
        self.published = published
        publishedParts = published.flatMap { published in
            let day = Timestamp.day(published).split(separator: "-").compactMap { Int($0) }
            return day.count == 3 ? (day[0], day[1], day[2]) : nil
        }
    }

    struct DateMention: Equatable {
        var text: String
        var date: String
        var json: JSONValue { .object([("text", .string(text)), ("date", .string(date))]) }
    }

    struct Quote: Equatable {
        var text: String
        var speaker: String?
        var json: JSONValue { .object([("text", .string(text)), ("speaker", speaker.map(JSONValue.string) ?? .null)]) }
    }

    struct Figure: Equatable {
        enum Kind: String { case money, percent }
        var text: String
        var kind: Kind
        var value: Double
        var currency: String?
        var json: JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("text", .string(text)), ("kind", .string(kind.rawValue)), ("value", .double(value)),
            ]
            if let currency { pairs.append(("currency", .string(currency))) }
            return .object(pairs)
        }
    }

    struct Facts {
        var dates: [DateMention] = []
        var quotes: [Quote] = []
        var figures: [Figure] = []
    }

    func facts(in paragraphs: [String]) -> Facts {
        facts(in: AnalyzedText(paragraphs))
    }

    func facts(in text: AnalyzedText) -> Facts {
        var facts = Facts()
        for (paragraph, tokens) in zip(text.paragraphs, text.tokens) {
            facts.dates += dates(tokens, in: paragraph)
            facts.figures += figures(tokens, in: paragraph)
            facts.quotes += QuoteFinder.quotes(tokens, in: paragraph)
        }
        return facts
    }

    // MARK: - Dates

    static let monthNumbers: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let smallNumbers: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]

    /// Words that can start a date, as written (lowercase and capitalized).
    static let dateStarters: StringTable = {
        let words =
            Array(monthNumbers.keys) + weekdays + Array(smallNumbers.keys)
            + ["today", "tonight", "yesterday", "tomorrow", "last", "next", "this"]
        return StringTable(Set(words + words.map(\.capitalized)).sorted())
    }()

    static func month(_ token: Token) -> Int? {
        // "May" and "March" in lowercase are words, not months.
        guard token.isCapitalized else { return nil }
        return monthNumbers[token.text.lowercased()]
    }

    static func intValue(_ token: Token?) -> Int? {
        guard let token, token.kind == .number, !token.text.utf8.contains(UInt8(ascii: ",")),
            !token.text.utf8.contains(UInt8(ascii: "."))
        else { return nil }
        return Int(token.text)
    }

    static func year(_ token: Token?) -> Int? {
        guard let value = intValue(token), (1800...2200).contains(value), token!.text.count == 4 else { return nil }
        return value
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    func shifted(days: Int) -> String? {
        guard let published else { return nil }
        return Timestamp.day(published.addingTimeInterval(Double(days) * 86400))
    }

    func dates(_ tokens: [Token], in text: String) -> [DateMention] {
        var found: [DateMention] = []
        var i = 0
        func add(_ from: Int, _ to: Int, _ date: String?) {
            guard let date else { return }
            found.append(
                DateMention(text: String(text[tokens[from].range.lowerBound..<tokens[to].range.upperBound]), date: date)
            )
            i = to + 1
        }
        while i < tokens.count {
            let token = tokens[i]
            // Only words that can start a date are looked at closely.
            guard token.kind == .number || Self.dateStarters.contains(token.text) else {
                i += 1
                continue
            }
            let lower = token.text.lowercased()
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            var nextIndex = i + 1
            if next?.text == ".", Self.month(token) != nil { nextIndex += 1 }  // "Jan. 9"
            let afterMonth = nextIndex < tokens.count ? tokens[nextIndex] : nil
            if let month = Self.month(token) {
                // "January 9, 2025", "January 9", "January 2025"
                if let day = Self.intValue(afterMonth), (1...31).contains(day) {
                    var end = nextIndex
                    var year = publishedParts?.year
                    if end + 2 < tokens.count, tokens[end + 1].text == ",", let y = Self.year(tokens[end + 2]) {
                        year = y
                        end += 2
                    } else if let y = Self.year(end + 1 < tokens.count ? tokens[end + 1] : nil) {
                        year = y
                        end += 1
                    }
                    if let year {
                        add(i, end, "\(year)-\(Self.pad(month))-\(Self.pad(day))")
                        continue
                    }
                } else if let y = Self.year(afterMonth) {
                    add(i, nextIndex, "\(y)-\(Self.pad(month))")
                    continue
                }
            } else if let day = Self.intValue(token), (1...31).contains(day), let next, let month = Self.month(next) {
                // "9 January 2025", "9 January"
                let yearToken = i + 2 < tokens.count ? tokens[i + 2] : nil
                if let y = Self.year(yearToken) {
                    add(i, i + 2, "\(y)-\(Self.pad(month))-\(Self.pad(day))")
                    continue
                } else if let year = publishedParts?.year {
                    add(i, i + 1, "\(year)-\(Self.pad(month))-\(Self.pad(day))")
                    continue
                }
            } else if token.kind == .number, token.text.count == 4, let year = Self.year(token),
                i > 0,
                ["in", "since", "by", "until", "of", "from", "to", "during", "before", "after"].contains(
                    tokens[i - 1].text.lowercased())
            {
                add(i, i, "\(year)")
                continue
            } else if let parts = publishedParts {
                switch lower {
                case "today", "tonight":
                    add(i, i, shifted(days: 0))
                    continue
                case "yesterday":
                    add(i, i, shifted(days: -1))
                    continue
                case "tomorrow":
                    add(i, i, shifted(days: 1))
                    continue
                case "last", "next", "this":
                    let direction = lower == "last" ? -1 : (lower == "next" ? 1 : 0)
                    if let unit = next?.text.lowercased() {
                        if unit == "year" {
                            add(i, i + 1, "\(parts.year + direction)")
                            continue
                        }
                        if unit == "month" {
                            var m = parts.month + direction, y = parts.year
                            if m < 1 {
                                m = 12
                                y -= 1
                            } else if m > 12 {
                                m = 1
                                y += 1
                            }
                            add(i, i + 1, "\(y)-\(Self.pad(m))")
                            continue
                        }
                        if let weekday = Self.weekdays.firstIndex(of: unit),
                            let days = weekdayOffset(weekday, direction: direction == 0 ? -1 : direction)
                        {
                            add(i, i + 1, shifted(days: days))
                            continue
                        }
                    }
                default:
                    if let weekday = Self.weekdays.firstIndex(of: lower), token.isCapitalized, i > 0,
                        ["on", "since", "by", "until", "from"].contains(tokens[i - 1].text.lowercased()),
                        let days = weekdayOffset(weekday, direction: -1)
                    {
                        add(i, i, shifted(days: days))
                        continue
                    }
                    if let n = Self.smallNumbers[lower] ?? Self.intValue(token), let next, i + 2 < tokens.count,
                        tokens[i + 2].text.lowercased() == "ago"
                    {
                        let unit = next.text.lowercased()
                        if unit.hasPrefix("day") {
                            add(i, i + 2, shifted(days: -n))
                            continue
                        }
                        if unit.hasPrefix("week") {
                            add(i, i + 2, shifted(days: -7 * n))
                            continue
                        }
                        if unit.hasPrefix("year") {
                            add(i, i + 2, "\(parts.year - n)")
                            continue
                        }
                    }
                }
            }
            i += 1
        }
        return found
    }

    /// Days from the published date to the weekday (0 = Sunday): the one before it
    /// (direction -1, news mostly reports the past) or after it (+1); never the same day.
    func weekdayOffset(_ weekday: Int, direction: Int) -> Int? {
        guard let published else { return nil }
        let days = Int((published.timeIntervalSince1970 / 86400).rounded(.down))
        let today = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        if direction < 0 {
            let back = (today - weekday + 7) % 7
            return -(back == 0 ? 7 : back)
        }
        let forward = (weekday - today + 7) % 7
        return forward == 0 ? 7 : forward
    }

    // MARK: - Money and percent

    static let currencySymbols: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
    ]
    static let currencyWords: [String: String] = [
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "rupees": "INR", "won": "KRW",
        "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY", "rmb": "CNY", "jpy": "JPY", "shillings": "KES",
        "naira": "NGN", "rand": "ZAR", "francs": "CHF", "roubles": "RUB", "rubles": "RUB",
    ]
    static let scales: [String: Double] = [
        "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
        "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    ]

    /// A number token's value with a glued scale ("1.2bn" → 1.2e9), or nil.
    static func amount(_ token: Token) -> (value: Double, scaled: Bool)? {
        guard let first = token.text.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        let (digits, suffix) =
            token.text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiAmountParts(token.text) : amountParts(token.text)
        guard let value = Double(digits), !digits.isEmpty else { return nil }
        if suffix.isEmpty { return (value, false) }
        guard let scale = scales[suffix.lowercased()] else { return nil }
        return (value * scale, true)
    }

    /// A number's digits without thousands separators, and the letters glued to its end
    /// ("1,200bn" → "1200", "bn").
    static func amountParts(_ text: String) -> (digits: String, suffix: String) {
        var digits = Substring(text)
        var suffix = Substring("")
        while let last = digits.last, last.isLetter {
            suffix.insert(last, at: suffix.startIndex)
            digits.removeLast()
        }
        return (digits.replacingOccurrences(of: ",", with: ""), String(suffix))
    }

    /// ``amountParts(_:)`` for ASCII text, on its bytes: every number token of every document
    /// comes here, and Foundation's `replacingOccurrences` was 1% of a run. In ASCII the letters
    /// are A-Z and a-z, and a comma is one byte, so the parts are the same.
    static func asciiAmountParts(_ text: String) -> (digits: String, suffix: String) {
        var text = text
        return text.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, (bytes[end - 1] | 0x20) >= 0x61 && (bytes[end - 1] | 0x20) <= 0x7A { end -= 1 }
            let digits = String(unsafeUninitializedCapacity: end) { buffer in
                var n = 0
                for b in bytes[..<end] where b != UInt8(ascii: ",") {
                    buffer[n] = b
                    n += 1
                }
                return n
            }
            return (digits, String(decoding: UnsafeBufferPointer(rebasing: bytes[end...]), as: UTF8.self))
        }
    }

    func figures(_ tokens: [Token], in text: String) -> [Figure] {
        var found: [Figure] = []
        var i = 0
        func span(_ from: Int, _ to: Int) -> String {
            String(text[tokens[from].range.lowerBound..<tokens[to].range.upperBound])
        }
        while i < tokens.count {
            let token = tokens[i]
            guard token.kind != .punctuation,
                token.kind != .word || token.text.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true
            else {
                i += 1
                continue
            }
            if token.kind == .symbol, let currency = Self.currencySymbols[token.text], i + 1 < tokens.count,
                var (value, scaled) = Self.amount(tokens[i + 1])
            {
                var start = i
                // "US$5", "HK$10"
                if i > 0, ["US", "HK", "A", "C", "NZ", "S"].contains(tokens[i - 1].text),
                    tokens[i - 1].range.upperBound == token.range.lowerBound
                {
                    start = i - 1
                }
                var end = i + 1
                if !scaled, end + 1 < tokens.count, let scale = Self.scales[tokens[end + 1].text.lowercased()],
                    tokens[end + 1].text.count > 1
                {
                    value *= scale
                    end += 1
                    scaled = true
                }
                let code = start < i && tokens[start].text == "HK" ? "HKD" : currency
                found.append(Figure(text: span(start, end), kind: .money, value: value, currency: code))
                i = end + 1
                continue
            }
            if token.kind == .number || token.kind == .word, var (value, _) = Self.amount(token) {
                var end = i
                if end + 1 < tokens.count {
                    let next = tokens[end + 1].text.lowercased()
                    if next == "%" || next == "percent"
                        || (next == "per" && end + 2 < tokens.count && tokens[end + 2].text == "cent")
                    {
                        end += next == "per" ? 2 : 1
                        found.append(Figure(text: span(i, end), kind: .percent, value: value, currency: nil))
                        i = end + 1
                        continue
                    }
                    if let scale = Self.scales[next], next.count > 1 {
                        value *= scale
                        end += 1
                    }
                }
                if end + 1 < tokens.count, let code = Self.currencyWords[tokens[end + 1].text.lowercased()] {
                    end += 1
                    found.append(Figure(text: span(i, end), kind: .money, value: value, currency: code))
                    i = end + 1
                    continue
                }
            }
            i += 1
        }
        return found
    }
}
