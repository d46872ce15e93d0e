import Foundation
import PipelineKit
import PipelineRuntime

/// A one-line progress display on stderr: stage, count, rate and ETA. The rate is of what the
/// stage counts — input units (files, fetched pages) while reading, documents in batch stages —
/// so it names no unit.
/// Redraws at most ten times a second; used only when stderr is a terminal.
final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var started: [String: ContinuousClock.Instant] = [:]
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var drawn = false

    func update(stage: String, done: Int, total: Int) {
        update(stage: stage, done: done, total: total, partly: 0)
    }

    /// The percentage, rate and ETA count the items under way by how far they are (`partly`),
    /// so one crawl file read for minutes moves the line; the count says whole items finished.
    func update(stage: String, done: Int, total: Int, partly: Double) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        let start = started[stage] ?? now
        started[stage] = start
        guard now - lastDraw >= .milliseconds(100) || done == total else { return }
        lastDraw = now
        let line = Self.line(
            stage: stage, done: done, total: total, partly: partly, elapsed: (now - start) / .seconds(1))
        Terminal.error("\r\u{1B}[2K" + Terminal.safe(line), terminator: "")
        drawn = true
    }

    /// What the line says after `elapsed` seconds: `read → clean  0/1 (37%)  ETA 2m10s` (a rate
    /// below 0.1 a second says nothing, and is left out), `clean  120/400 (30%)  12/s  ETA 23s`.
    static func line(stage: String, done: Int, total: Int, partly: Double, elapsed: Double) -> String {
        let progressed = min(Double(total), Double(done) + max(0, partly))
        let rate = elapsed > 0 ? progressed / elapsed : 0
        let eta = rate > 0 ? (Double(total) - progressed) / rate : 0
        let percent = total > 0 ? Int(progressed * 100 / Double(total)) : 100
        let shownRate =
            rate >= 9.95 ? String(format: "%.0f/s  ", rate) : rate >= 0.1 ? String(format: "%.1f/s  ", rate) : ""
        return "\(stage)  \(done)/\(total) (\(percent)%)  \(shownRate)ETA \(duration(eta))"
    }

    func finish(stage: String) {
        lock.lock()
        defer { lock.unlock() }
        if drawn {
            Terminal.error("\r\u{1B}[2K", terminator: "")
            drawn = false
        }
    }

    private static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60)m\(total % 60)s" : "\(total)s"
    }
}
