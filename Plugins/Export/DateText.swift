import Foundation
import PipelineKit

/// Dates as people read them in the digest ("20 Nov 2026", "20–21 Nov 2026"),
/// in UTC and English whatever the machine's locale, so output never depends
/// on where it was made.
enum DateText {
    private static let shortMonths = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    private static let longMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Year, month (1–12) and day of `date` in UTC.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int) {
        let iso = Timestamp.day(date)
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return (parts[0], parts[1], parts[2])
    }

    /// "20 Nov 2026".
    static func day(_ date: Date) -> String {
        let (year, month, day) = fields(date)
        return "\(day) \(shortMonths[month - 1]) \(year)"
    }

    /// "Friday 20 November 2026" for a `YYYY-MM-DD` run date; the text itself
    /// when it is not one.
    static func long(_ runDate: String) -> String {
        guard let date = Timestamp.parse(runDate) else { return runDate }
        let (year, month, day) = fields(date)
        // 1970-01-01 was a Thursday (index 3 from Monday).
        let days = Int((date.timeIntervalSince1970 / 86400).rounded(.down))
        let weekday = weekdays[((days + 3) % 7 + 7) % 7]
        return "\(weekday) \(day) \(longMonths[month - 1]) \(year)"
    }

    /// The span between two dates, as short as it can be said:
    /// "20 Nov 2026", "20–21 Nov 2026", "30 Nov – 2 Dec 2026",
    /// "31 Dec 2026 – 1 Jan 2027". Nil when neither date is known.
    static func span(_ first: Date?, _ last: Date?) -> String? {
        guard let start = first ?? last else { return nil }
        let end = last ?? start
        let (a, b) = start <= end ? (fields(start), fields(end)) : (fields(end), fields(start))
        if a == b { return "\(a.day) \(shortMonths[a.month - 1]) \(a.year)" }
        if a.year == b.year, a.month == b.month { return "\(a.day)–\(b.day) \(shortMonths[a.month - 1]) \(a.year)" }
        if a.year == b.year {
            return "\(a.day) \(shortMonths[a.month - 1]) – \(b.day) \(shortMonths[b.month - 1]) \(a.year)"
        }
        return "\(a.day) \(shortMonths[a.month - 1]) \(a.year) – \(b.day) \(shortMonths[b.month - 1]) \(b.year)"
    }
}
