import Testing
import TextKit

@Suite("Heap")
struct HeapTests {
    @Test("pops every element in the order a sort gives, with repeats, for many sizes")
    func sortedOrder() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 3, 7, 64, 1000] {
            let values = (0..<size).map { _ in Int.random(in: 0..<50, using: &generator) }
            var heap = Heap(values, by: <)
            #expect(heap.count == size)
            var popped: [Int] = []
            while let value = heap.popFirst() { popped.append(value) }
            #expect(popped == values.sorted())
            #expect(heap.isEmpty)
        }
    }

    @Test("a total order with ties broken gives the sort's order exactly")
    func tieBreaking() {
        let pairs = [(2.0, 5), (1.0, 9), (2.0, 1), (1.0, 3), (0.5, 7)]
        var heap = Heap(pairs, by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 })
        var keys: [Int] = []
        while let pair = heap.popFirst() { keys.append(pair.1) }
        #expect(keys == [7, 3, 9, 1, 5])
    }
}
