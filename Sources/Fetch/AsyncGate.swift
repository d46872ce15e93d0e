import Foundation

/// Lets at most `capacity` tasks through at once, first come first served,
/// optionally spacing the starts by `spacing` seconds (a host's politeness delay).
actor AsyncGate {
    private let capacity: Int
    private var spacing: Double
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var nextStart = ContinuousClock.now

    init(capacity: Int, spacing: Double = 0) {
        self.capacity = max(1, capacity)
        self.spacing = spacing
    }

    /// Waits for a slot, then for this start's turn; pair with ``release()``.
    func acquire() async {
        if inUse < capacity {
            inUse += 1
        } else {
            await withCheckedContinuation { waiters.append($0) }
        }
        guard spacing > 0 else { return }
        let now = ContinuousClock.now
        let start = max(now, nextStart)
        nextStart = start + .milliseconds(Int(spacing * 1000))
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }

    /// Hands the slot to the longest waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Raises the spacing (a robots.txt `Crawl-delay` longer than the configured delay).
    func space(atLeast seconds: Double) {
        spacing = max(spacing, seconds)
    }
}
