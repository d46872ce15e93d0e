import Foundation
import PipelineKit
import PipelineRuntime

/// When a failed fetch is tried again, and after how long.
///
/// Timeouts, connection failures, 429 and 5xx are worth another try; the
/// wait doubles from ``baseDelay`` each attempt, unless the server said how
/// long with `Retry-After` (seconds or an HTTP date). A server asking for
/// longer than ``maxRetryAfter`` is not retried: waiting less would be rude and
/// waiting more would hold up the run, so the URL is set aside with the reason.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts = 3
    /// The wait before the second try; doubled before each later one.
    public var baseDelay = 1.0
    /// The longest `Retry-After` honoured, in seconds.
    public var maxRetryAfter = 30.0

    public init(maxAttempts: Int = 3, baseDelay: Double = 1.0, maxRetryAfter: Double = 30.0) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// What went wrong with one try.
    public enum Outcome: Sendable, Equatable {
        case status(Int, retryAfter: String?)
        case timeout
        case connectionFailed
        /// Too large, robots, redirect loop…: trying again gives the same answer.
        case permanent
    }

    /// What to do next.
    public enum Decision: Sendable, Equatable {
        case retry(after: Double)
        case giveUp(String?)
    }

    /// The decision after try number `attempt` (1-based) ended with `outcome`, at time `now`.
    public func decide(after outcome: Outcome, attempt: Int, now: Date = Date()) -> Decision {
        let backoff = baseDelay * pow(2, Double(attempt - 1))
        switch outcome {
        case .permanent:
            return .giveUp(nil)
        case .timeout, .connectionFailed:
            return attempt < maxAttempts ? .retry(after: backoff) : .giveUp(nil)
        case let .status(code, retryAfter):
            guard code == 429 || (500...599).contains(code) else { return .giveUp(nil) }
            guard attempt < maxAttempts else { return .giveUp(nil) }
            guard let retryAfter, let seconds = Self.retryAfterSeconds(retryAfter, now: now) else {
                return .retry(after: backoff)
            }
            if seconds > maxRetryAfter {
                return .giveUp("Retry-After \(Int(seconds.rounded())) s is over the \(Int(maxRetryAfter)) s cap")
            }
            return .retry(after: max(seconds, 0))
        }
    }

    /// A `Retry-After` value in seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    public static func retryAfterSeconds(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = Timestamp.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
