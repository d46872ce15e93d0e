import Foundation

/// A value shared between threads, reached only through ``withLock(_:)``.
///
/// The one lock-protected box of the project: a type that needs a lock holds
/// a `Locked` instead of pairing its own `NSLock` with `@unchecked Sendable`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value while holding the lock.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension Locked where Value == Int {
    /// The next index below `limit`, counting from 0, or nil once `limit` are handed out:
    /// how workers share a list of items.
    public func take(below limit: Int) -> Int? {
        withLock { next in
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }
    }
}
