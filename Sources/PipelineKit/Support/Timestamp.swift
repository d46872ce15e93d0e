import Foundation

/// Parsing and printing of the timestamps feeds and pages use, without locale surprises.
public enum Timestamp {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// ISO 8601 in UTC with seconds: `2025-01-09T15:29:47Z`.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        // Civil-from-days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay % 3600 / 60)):\(pad(secondOfDay % 60))Z"
    }

    /// The date part of ``iso8601(_:)``: `2025-01-09`.
    public static func day(_ date: Date) -> String {
        String(iso8601(date).prefix(10))
    }

    /// Builds a date from UTC calendar fields; nil when they are out of range.
    public static func date(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        offsetSeconds: Int = 0
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (1000...9999).contains(year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Parses ISO 8601 / RFC 3339 (`2026-11-20`, `2026-11-20T09:14:02+01:00`,
    /// `2026-11-20 09:14:02`) and RFC 822 (`Fri, 20 Nov 2026 09:14:00 GMT`).
    /// Times without a zone are taken as UTC.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.unicodeScalars.first else { return nil }
        if ("0"..."9").contains(first) { return parseISO(trimmed) ?? parseRFC822(trimmed) }
        return parseRFC822(trimmed)
    }

    private static func parseISO(_ text: String) -> Date? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[index..<(index + width)] {
                guard ("0"..."9").contains(scalar) else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += width
            return value
        }
        func expect(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            return nil
        }
        var hour = 0, minute = 0, second = 0, offset = 0
        if index < scalars.count, scalars[index] == "T" || scalars[index] == "t" || scalars[index] == " " {
            index += 1
            guard let h = number(2), expect(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(":") {
                guard let s = number(2) else { return nil }
                second = s
                if expect(".") || expect(",") {
                    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                }
            }
            if index < scalars.count {
                let sign = scalars[index]
                if sign == "Z" || sign == "z" {
                    index += 1
                } else if sign == "+" || sign == "-" {
                    index += 1
                    guard let oh = number(2) else { return nil }
                    _ = expect(":")
                    let om = number(2) ?? 0
                    offset = (oh * 3600 + om * 60) * (sign == "-" ? -1 : 1)
                } else if sign == " " {
                    index = scalars.count  // trailing zone names ("UTC") are ignored
                }
            }
        }
        guard index == scalars.count else { return nil }
        return date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    private static let zoneOffsets: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "CET": 1, "CEST": 2, "BST": 1,
    ]

    private static func parseRFC822(_ text: String) -> Date? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }  // weekday
        guard parts.count >= 3, let day = Int(parts[0]),
            let month = months.firstIndex(of: String(parts[1].lowercased().prefix(3))).map({ $0 + 1 }),
            var year = Int(parts[2])
        else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0, offset = 0
        if parts.count >= 4 {
            let time = parts[3].split(separator: ":").compactMap { Int($0) }
            guard time.count >= 2 else { return nil }
            hour = time[0]
            minute = time[1]
            second = time.count > 2 ? time[2] : 0
        }
        if parts.count >= 5 {
            let zone = parts[4]
            if let hours = zoneOffsets[zone.uppercased()] {
                offset = hours * 3600
            } else if zone.count == 5, let value = Int(zone.dropFirst()), zone.first == "+" || zone.first == "-" {
                offset = (value / 100 * 3600 + value % 100 * 60) * (zone.first == "-" ? -1 : 1)
            }
        }
        return date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
