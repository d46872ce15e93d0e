/// A binary heap that hands out its elements smallest first by `areInIncreasingOrder`:
/// for taking the best few of many candidates without sorting them all (building it is
/// linear; each `popFirst` is logarithmic).
///
/// ```swift
/// var heap = Heap([5, 1, 4, 2], by: <)
/// heap.popFirst()  // 1
/// heap.popFirst()  // 2
/// ```
///
/// Elements that compare equal come out in no particular order: give a total order
/// (break ties) when the order must be reproducible.
///
/// Inlinable, so that a caller in another module gets it specialised for its element type
/// and comparison (unspecialised, every comparison and swap went through witness tables).
public struct Heap<Element> {
    @usableFromInline var elements: [Element]
    @usableFromInline let areInIncreasingOrder: (Element, Element) -> Bool

    @inlinable
    public init(_ elements: [Element], by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.elements = elements
        self.areInIncreasingOrder = areInIncreasingOrder
        var index = elements.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
    }

    @inlinable public var count: Int { elements.count }
    @inlinable public var isEmpty: Bool { elements.isEmpty }

    /// Removes and returns the smallest element; nil when the heap is empty.
    @inlinable
    public mutating func popFirst() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let first = elements.removeLast()
        if !elements.isEmpty { siftDown(from: 0) }
        return first
    }

    @inlinable
    mutating func siftDown(from start: Int) {
        var parent = start
        let count = elements.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var smallest = left
            let right = left + 1
            if right < count, areInIncreasingOrder(elements[right], elements[left]) { smallest = right }
            guard areInIncreasingOrder(elements[smallest], elements[parent]) else { return }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
