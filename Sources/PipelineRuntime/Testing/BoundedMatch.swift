import Dispatch
import Foundation
import PipelineKit

/// A regular-expression search with a time limit, for `matches:` in pipeline
/// tests: a pattern that backtracks without end (`(a+)+$` on a long run of
/// `a`s) fails its test instead of hanging `pipe test`.
///
/// The search runs on its own thread; past the limit it is asked to stop (at
/// the matcher's next progress report) and abandoned either way.
enum BoundedMatch {
    static let timeLimitSeconds = 1

    enum Outcome: Equatable {
        case match
        case noMatch
        case timedOut
    }

    /// Whether `regex` matches somewhere in `text`, or `.timedOut` after `seconds`.
    static func search(_ regex: NSRegularExpression, in text: String, seconds: Double = Double(timeLimitSeconds))
        -> Outcome
    {
        let search = Search(regex: regex, text: text)
        let thread = Thread { search.run() }
        thread.stackSize = 16 << 20
        thread.start()
        if search.done.wait(timeout: .now() + seconds) == .timedOut {
            search.cancel()
            return .timedOut
        }
        return search.outcome
    }

    /// One search's state, shared with its thread.
    private final class Search: @unchecked Sendable {
        let regex: NSRegularExpression
        let text: String
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var cancelled = false
        private var found = false

        init(regex: NSRegularExpression, text: String) {
            self.regex = regex
            self.text = text
        }

        var outcome: Outcome { lock.withLock { found ? .match : .noMatch } }

        func cancel() { lock.withLock { cancelled = true } }

        func run() {
            regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) {
                result, _, stop in
                if result != nil {
                    self.lock.withLock { self.found = true }
                    stop.pointee = true
                } else if self.lock.withLock({ self.cancelled }) {
                    stop.pointee = true
                }
            }
            done.signal()
        }
    }
}
