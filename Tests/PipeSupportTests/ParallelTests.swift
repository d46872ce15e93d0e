import Synchronization
import Testing

@testable import PipeSupport

@Suite("Parallel.map")
struct ParallelTests {
    @Test("results come back in index order at every width", arguments: [1, 2, 3, 64, Int.max])
    func order(width: Int) {
        let squares = Parallel.map(1000, width: width) { $0 * $0 }
        #expect(squares == (0..<1000).map { $0 * $0 })
    }

    @Test("width 1 runs on one thread, one index after another")
    func widthOne() {
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        _ = Parallel.map(200, width: 1) { index in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            _ = most.max(now, ordering: .sequentiallyConsistent)
            var sum = 0
            for k in 0..<2000 { sum &+= k ^ index }
            running.subtract(1, ordering: .sequentiallyConsistent)
            return sum
        }
        #expect(most.load(ordering: .sequentiallyConsistent) == 1)
    }

    @Test("no items, no calls")
    func empty() {
        #expect(Parallel.map(0, width: 2) { $0 }.isEmpty)
    }
}
