import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Fetch

@Suite("retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: 1, maxRetryAfter: 30)
    let now = Timestamp.date(year: 2026, month: 11, day: 20, hour: 12)!

    @Test("timeouts and 5xx back off exponentially, then give up")
    func backoff() {
        #expect(policy.decide(after: .timeout, attempt: 1) == .retry(after: 1))
        #expect(policy.decide(after: .status(503, retryAfter: nil), attempt: 2) == .retry(after: 2))
        #expect(policy.decide(after: .status(500, retryAfter: nil), attempt: 3) == .giveUp(nil))
        #expect(policy.decide(after: .connectionFailed, attempt: 3) == .giveUp(nil))
    }

    @Test("4xx other than 429 and permanent failures are not retried")
    func noRetry() {
        #expect(policy.decide(after: .status(404, retryAfter: nil), attempt: 1) == .giveUp(nil))
        #expect(policy.decide(after: .status(403, retryAfter: "5"), attempt: 1) == .giveUp(nil))
        #expect(policy.decide(after: .permanent, attempt: 1) == .giveUp(nil))
    }

    @Test("Retry-After in seconds or as an HTTP date is honoured up to the cap")
    func retryAfter() {
        #expect(policy.decide(after: .status(429, retryAfter: "2"), attempt: 1, now: now) == .retry(after: 2))
        #expect(
            policy.decide(after: .status(429, retryAfter: "Fri, 20 Nov 2026 12:00:07 GMT"), attempt: 1, now: now)
                == .retry(after: 7))
        #expect(
            policy.decide(after: .status(503, retryAfter: "3600"), attempt: 1, now: now)
                == .giveUp("Retry-After 3600 s is over the 30 s cap"))
        // Unparseable values fall back to the backoff.
        #expect(policy.decide(after: .status(429, retryAfter: "soon"), attempt: 1, now: now) == .retry(after: 1))
    }
}
