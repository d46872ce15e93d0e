import PipeSupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Distinct strings, numbered 0, 1, 2… in the order they were first inserted, found again by
/// their UTF-8 bytes.
///
/// The set and dictionary for the hot lookups of the text stages (stopwords, stems, term ids):
/// those look up millions of short words, and a `Set<String>` pays for SipHash, hasher set-up and
/// canonical-equivalence comparison on each. Here a key's bytes are hashed eight at a time and
/// compared with `memcmp`, and a reader that has a word's bytes but no `String` yet (a tokenizer
/// walking a text's UTF-8) can look it up without making one.
///
/// ```swift
/// var table = StringTable()
/// table.insert("storm")       // (number: 0, inserted: true)
/// table.insert("flood")       // (number: 1, inserted: true)
/// table.insert("storm")       // (number: 0, inserted: false)
/// table.number(of: "flood")   // 1
/// table.string(at: 0)         // "storm"
/// ```
///
/// Keys are equal when their UTF-8 bytes are: unlike `String`'s `==`, "é" written as one scalar
/// and as "e" plus a combining accent are two keys. The text stages normalise words before they
/// look them up, so this is the comparison they want. The hash is seeded once per process; the
/// numbering, and so anything built from it, does not depend on the seed.
///
/// Values go in arrays indexed by number beside the table (see ``Vocabulary`` and the stemmer's
/// cache): a number is stable for the table's life.
public struct StringTable: Sendable {
    /// Every key's UTF-8, one after another in number order.
    private var arena: [UInt8] = []
    /// Where key `n`'s bytes end in `arena` (they start where key `n - 1`'s end).
    private var ends: [Int] = []
    /// Open addressing, linear probing: 0 for empty, else the hash's top 32 bits over the
    /// key's number + 1. Never more than half full.
    private var slots: [UInt64]
    private var mask: Int
    private let seed: UInt64

    /// An empty table with room for `minimumCapacity` keys before it grows.
    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        seed = StringTable.processSeed
        ends.reserveCapacity(minimumCapacity)
    }

    /// A table of `strings`, numbered in their order (a repeated string keeps its first number).
    public init(_ strings: some Sequence<String>) {
        self.init(minimumCapacity: strings.underestimatedCount)
        for string in strings { insert(string) }
    }

    /// How many keys the table holds.
    public var count: Int { ends.count }

    /// Key number `number`.
    public func string(at number: Int) -> String {
        arena.withUnsafeBufferPointer { arena in
            String(decoding: UnsafeBufferPointer(rebasing: arena[start(of: number)..<ends[number]]), as: UTF8.self)
        }
    }

    /// The number of `key`, or nil when the table does not hold it.
    public func number(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { number(of: $0) }
    }

    /// The number of the key whose UTF-8 is `bytes`, or nil when the table does not hold it.
    public func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        find(bytes, hash: hash(bytes)).number
    }

    /// Whether the table holds `key`.
    public func contains(_ key: String) -> Bool { number(of: key) != nil }

    /// Whether the table holds the key whose UTF-8 is `bytes`.
    public func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { number(of: bytes) != nil }

    /// Adds `key` unless the table holds it; either way, its number.
    @discardableResult
    public mutating func insert(_ key: String) -> (number: Int, inserted: Bool) {
        var key = key
        return key.withUTF8 { insert($0) }
    }

    /// Adds the key whose UTF-8 is `bytes` unless the table holds it; either way, its number.
    @discardableResult
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let hash = hash(bytes)
        let (found, slot) = find(bytes, hash: hash)
        if let found { return (found, false) }
        let number = ends.count
        precondition(number < Int(UInt32.max), "StringTable holds at most \(UInt32.max - 1) keys")
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = Self.slot(hash: hash, number: number)
        if ends.count * 2 > slots.count { grow() }
        return (number, true)
    }

    // MARK: - Probing

    private func start(of number: Int) -> Int { number == 0 ? 0 : ends[number - 1] }

    private static func slot(hash: UInt64, number: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(number + 1)
    }

    /// The key's number if present, and the slot it is in or would go in.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int?, slot: Int) {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                ends.withUnsafeBufferPointer { ends in
                    while true {
                        let slot = slots[index]
                        if slot == 0 { return (nil, index) }
                        if slot & 0xFFFF_FFFF_0000_0000 == tag {
                            let number = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                            let start = number == 0 ? 0 : ends[number - 1]
                            if ends[number] - start == key.count
                                && (key.isEmpty || memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0)
                            {
                                return (number, index)
                            }
                        }
                        index = (index + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        arena.withUnsafeBufferPointer { arena in
            for number in ends.indices {
                let key = UnsafeBufferPointer(rebasing: arena[start(of: number)..<ends[number]])
                let hash = hash(key)
                var index = Int(truncatingIfNeeded: hash) & mask
                while grown[index] != 0 { index = (index + 1) & mask }
                grown[index] = Self.slot(hash: hash, number: number)
            }
        }
        slots = grown
        self.mask = mask
    }

    // MARK: - Hashing

    /// Chosen once per process, so that no page can be written to collide on every run.
    private static let processSeed = UInt64.random(in: 0...UInt64.max)

    /// Eight bytes at a time: xor, multiply, fold the high half down; the count goes in first,
    /// so keys that differ only in length differ. The last chunk is read as whole loads that may
    /// overlap bytes already read (the last eight bytes; or, for a key under eight bytes, its
    /// first and last four, or first and last two, or its one byte), never byte by byte.
    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (seed ^ UInt64(bytes.count)) &* multiplier
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return StableHash.mix(hash) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var offset = 0
        while offset + 8 < count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            offset += 8
        }
        let last: UInt64
        if count >= 8 {
            last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            last =
                UInt64(raw.loadUnaligned(as: UInt32.self)) << 32
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else if count >= 2 {
            last =
                UInt64(raw.loadUnaligned(as: UInt16.self)) << 16
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
        } else {
            last = UInt64(base[0])
        }
        hash = (hash ^ last) &* multiplier
        hash ^= hash >> 32
        return StableHash.mix(hash)
    }
}

extension StringTable: ExpressibleByArrayLiteral {
    /// A table of the listed strings, numbered in order: for word lists written in code.
    public init(arrayLiteral strings: String...) {
        self.init(strings)
    }
}

extension StringTable: Sequence {
    /// The keys in number order.
    public struct Iterator: IteratorProtocol {
        let table: StringTable
        var number = 0

        public mutating func next() -> String? {
            guard number < table.count else { return nil }
            defer { number += 1 }
            return table.string(at: number)
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: self) }

    public var underestimatedCount: Int { count }
}
