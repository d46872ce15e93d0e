import Dispatch
import Foundation

/// Data-parallel loops over an index range, for batch work whose items are
/// independent (vectorising documents, scoring sentences).
public enum Parallel {
    /// `body(0) ..< body(count - 1)` computed on up to `width` threads (all
    /// cores by default; `pipe run --jobs N` passes N), in index order.
    /// `body` must not depend on the order calls run in.
    public static func map<T: Sendable>(_ count: Int, width: Int = .max, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if width <= 1 { return (0..<count).map(body) }
        let storage = ResultStorage<T>(count: count)
        if width >= count || width >= ProcessInfo.processInfo.activeProcessorCount {
            DispatchQueue.concurrentPerform(iterations: count) { index in
                storage.pointer[index] = .some(body(index))
            }
        } else {
            // `width` workers, each taking every width-th index.
            DispatchQueue.concurrentPerform(iterations: width) { worker in
                for index in stride(from: worker, to: count, by: width) {
                    storage.pointer[index] = .some(body(index))
                }
            }
        }
        return storage.take()
    }
}

/// One slot per index, each written by exactly one iteration.
private final class ResultStorage<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T?>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    func take() -> [T] {
        (0..<count).map { pointer[$0]! }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
