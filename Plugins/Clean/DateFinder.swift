import Foundation
import PipelineKit

/// Reads publication dates as pages write them: ISO 8601, RFC 822,
/// "Jan. 9, 2025, 6:55 a.m.", "9 January 2025 15:29", "2025/01/09", and dates
/// inside URLs (`/2025/01/09/`, `-20250109-`). Times without a zone are UTC.
enum DateFinder {
    /// A date from a metadata value or a short text.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count < 200 else { return nil }
        if let date = Timestamp.parse(trimmed) { return date }
        if let date = numeric(trimmed) { return date }
        return spelled(trimmed)
    }

    private static let monthNames: [String: Int] = {
        var names: [String: Int] = [:]
        let english = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december",
        ]
        for (index, name) in english.enumerated() {
            names[name] = index + 1
            names[String(name.prefix(3))] = index + 1
        }
        names["sept"] = 9
        return names
    }()

    private struct Token {
        var text: String
        var isNumber: Bool
    }

    private static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = ""
        var numeric = false
        func push() {
            if !current.isEmpty { result.append(Token(text: current, isNumber: numeric)) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isNumber && character.isASCII {
                if !numeric { push() }
                numeric = true
                current.append(character)
            } else if character.isLetter {
                if numeric { push() }
                numeric = false
                current.append(character)
            } else {
                push()
                if character == ":" { result.append(Token(text: ":", isNumber: false)) }
            }
        }
        push()
        return result
    }

    /// "2025/01/09", "2025.01.09 15:29", "09/01/2025" is ambiguous and refused unless the day is > 12.
    fileprivate static func numeric(_ text: String) -> Date? {
        let parts = tokens(text)
        let numbers = parts.filter(\.isNumber).map(\.text)
        guard numbers.count >= 3, parts.count == numbers.count + parts.filter({ $0.text == ":" }).count else {
            return nil
        }
        // A run of digits too long for an Int is no date part (and must not shorten `values`).
        let values = numbers.compactMap { Int($0) }
        guard values.count == numbers.count else { return nil }
        var year = 0, month = 0, day = 0
        if numbers[0].count == 4 {
            (year, month, day) = (values[0], values[1], values[2])
        } else if numbers[2].count == 4 {
            year = values[2]
            if values[0] > 12 {
                (day, month) = (values[0], values[1])
            } else if values[1] > 12 {
                (month, day) = (values[0], values[1])
            } else {
                return nil
            }
        } else {
            return nil
        }
        let (hour, minute, second) = time(values.dropFirst(3).map { $0 })
        return Timestamp.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    private static func time(_ values: [Int]) -> (Int, Int, Int) {
        guard values.count >= 2, values[0] < 24, values[1] < 60 else { return (0, 0, 0) }
        return (values[0], values[1], values.count > 2 && values[2] < 60 ? values[2] : 0)
    }

    /// "Jan. 9, 2025, 6:55 a.m.", "9 January 2025", "Thursday 9 Jan 2025 15:29 GMT", "Updated: March 3, 2024".
    fileprivate static func spelled(_ text: String) -> Date? {
        let parts = tokens(text)
        guard let monthIndex = parts.firstIndex(where: { !$0.isNumber && monthNames[$0.text] != nil }) else {
            return nil
        }
        let month = monthNames[parts[monthIndex].text]!
        let numbers = parts.enumerated().filter { $0.element.isNumber }
        guard let yearEntry = numbers.first(where: { $0.element.text.count == 4 }),
            let year = Int(yearEntry.element.text)
        else { return nil }
        // The day: the number right after the month, else right before it.
        var day: Int?
        if monthIndex + 1 < parts.count, parts[monthIndex + 1].isNumber, parts[monthIndex + 1].text.count <= 2 {
            day = Int(parts[monthIndex + 1].text)
        } else if monthIndex > 0, parts[monthIndex - 1].isNumber, parts[monthIndex - 1].text.count <= 2 {
            day = Int(parts[monthIndex - 1].text)
        }
        guard let day else { return nil }
        var hour = 0, minute = 0
        if let colon = parts.indices.first(where: { $0 > yearEntry.offset && parts[$0].text == ":" }),
            colon > 0, colon + 1 < parts.count, let h = Int(parts[colon - 1].text), let m = Int(parts[colon + 1].text),
            h < 24, m < 60
        {
            hour = h
            minute = m
            let rest = parts[(colon + 2)...].map(\.text)
            if let marker = rest.first(where: { $0 == "pm" || $0 == "p" || $0 == "am" || $0 == "a" }) {
                if (marker == "pm" || marker == "p") && hour < 12 { hour += 12 }
                if (marker == "am" || marker == "a") && hour == 12 { hour = 0 }
            }
        }
        return Timestamp.date(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    /// A date in a URL path: `/2025/01/09/`, `/2025-01-09/`, `/20250109/` or `-20250109-`.
    static func fromURL(_ url: String) -> Date? {
        let bytes = Array(url.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start >= 0, start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func isSeparator(_ index: Int) -> Bool {
            index < 0 || index >= bytes.count
                || [
                    UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                    UInt8(ascii: "."), UInt8(ascii: "?"),
                ].contains(bytes[index])
        }
        var index = 0
        while index + 8 <= bytes.count {
            defer { index += 1 }
            guard isSeparator(index - 1), let year = digits(index, 4), (1995...2100).contains(year) else { continue }
            // yyyy/mm/dd or yyyy-mm-dd
            if index + 10 <= bytes.count, bytes[index + 4] == bytes[index + 7],
                bytes[index + 4] == UInt8(ascii: "/") || bytes[index + 4] == UInt8(ascii: "-"),
                let month = digits(index + 5, 2), let day = digits(index + 8, 2), isSeparator(index + 10),
                let date = Timestamp.date(year: year, month: month, day: day)
            {
                return date
            }
            // yyyymmdd
            if let month = digits(index + 4, 2), let day = digits(index + 6, 2), isSeparator(index + 8),
                let date = Timestamp.date(year: year, month: month, day: day)
            {
                return date
            }
        }
        return nil
    }
}

extension DateFinder {
    /// The date in a dateline ("Industry dynamics 2025-01-09 15:29:47 Source:",
    /// "Jan. 9, 2025, 6:55 a.m.", "By Ana Ruiz | 9 January 2025"): the first
    /// run of digits and date separators that reads as a date, else a
    /// spelled-out date anywhere in the line.
    ///
    /// Both ways need an ASCII digit (a run starts with one; a spelled date's year is read by
    /// `Int`), so a line without one is answered from its bytes, before it is broken into
    /// characters: most lines classed as dates on a page are "Updated" labels and menus.
    static func inLine(_ line: String) -> Date? {
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), line.count <= 160 else { return nil }
        var run = ""
        var runs: [String] = []
        for character in line {
            if (character.isASCII && character.isNumber) || (!run.isEmpty && "-/.: T".contains(character)) {
                run.append(character)
            } else {
                if !run.isEmpty { runs.append(run) }
                run = ""
            }
        }
        if !run.isEmpty { runs.append(run) }
        for candidate in runs {
            let trimmed = candidate.trimmingCharacters(in: runEdges)
            if trimmed.count >= 8, let date = Timestamp.parse(trimmed) ?? numeric(trimmed) { return date }
        }
        return spelled(line)
    }

    /// The separators a run of digits may start or end with, as a set made once (not per run).
    private static let runEdges = CharacterSet(charactersIn: "-/.: T")
}
