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
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        let start = started[stage] ?? now
        started[stage] = start
        guard now - lastDraw >= .milliseconds(100) || done == total else { return }
        lastDraw = now
        let elapsed = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) / 1e18
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let percent = total > 0 ? done * 100 / total : 100
        let line = String(
            format: "%@  %d/%d (%d%%)  %.0f/s  ETA %@", stage, done, total, percent, rate,
            Self.duration(eta))
        Terminal.error("\r\u{1B}[2K" + Terminal.safe(line), terminator: "")
        drawn = true
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
