/// Lowercase ASCII phrases (at most 32) looked for together, ignoring ASCII case, in one pass
/// over a text's bytes: each byte is checked only against the phrases starting with it, where
/// searching for each phrase in turn read the text once per phrase.
///
/// ```swift
/// let furniture = ByteNeedles(["click here", "sign up"])
/// furniture.first(in: "Please CLICK HERE now")   // 0
/// furniture.occurring(in: "sign up, then click here")   // 0b11
/// ```
public struct ByteNeedles: Sendable {
    let needles: [[UInt8]]
    /// For each byte, the needles starting with it, as bits.
    let byFirstByte: [UInt32]
    /// One bit per pair of bytes that starts a needle: most positions of a text are passed over
    /// on one lookup (a first byte alone is shared by most letters of English text).
    let firstPairs: [UInt64]

    public init(_ phrases: [String]) {
        precondition(
            phrases.count <= 32 && phrases.allSatisfy { $0.utf8.count >= 2 }, "at most 32 phrases of 2 bytes or more")
        precondition(
            phrases.allSatisfy { !$0.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } }, "phrases are written in lowercase")
        needles = phrases.map { Array($0.utf8) }
        var table = [UInt32](repeating: 0, count: 256)
        var pairs = [UInt64](repeating: 0, count: 65_536 / 64)
        for (bit, needle) in needles.enumerated() {
            table[Int(needle[0])] |= 1 << bit
            let pair = Int(needle[0]) << 8 | Int(needle[1])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        byFirstByte = table
        firstPairs = pairs
    }

    /// Which phrases occur in `text`: bit `i` is set when phrase `i` does.
    public func occurring(in text: some StringProtocol) -> UInt32 {
        scan(text, stoppingAtFirst: false)
    }

    /// The index of a phrase occurring in `text`, or nil: the first one found reading from the
    /// start (at one position, the lowest index).
    public func first(in text: some StringProtocol) -> Int? {
        let found = scan(text, stoppingAtFirst: true)
        return found == 0 ? nil : found.trailingZeroBitCount
    }

    private func scan(_ text: some StringProtocol, stoppingAtFirst: Bool) -> UInt32 {
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0, stoppingAtFirst: stoppingAtFirst) }) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer { scan($0, stoppingAtFirst: stoppingAtFirst) }
    }

    private func scan(_ haystack: UnsafeBufferPointer<UInt8>, stoppingAtFirst: Bool) -> UInt32 {
        guard haystack.count >= 2 else { return 0 }
        return firstPairs.withUnsafeBufferPointer { pairs in
            scan(haystack, pairs: pairs, stoppingAtFirst: stoppingAtFirst)
        }
    }

    private func scan(_ haystack: UnsafeBufferPointer<UInt8>, pairs: UnsafeBufferPointer<UInt64>, stoppingAtFirst: Bool)
        -> UInt32
    {
        var found: UInt32 = 0
        var next = Self.lower(haystack[0])
        for index in 0..<haystack.count - 1 {
            let first = next
            next = Self.lower(haystack[index + 1])
            let pair = Int(first) << 8 | Int(next)
            guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
            var candidates = byFirstByte[Int(first)] & ~found
            while candidates != 0 {
                let bit = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                let needle = needles[bit]
                guard index + needle.count <= haystack.count else { continue }
                var matched = 1
                while matched < needle.count && Self.lower(haystack[index + matched]) == needle[matched] {
                    matched += 1
                }
                if matched == needle.count {
                    if stoppingAtFirst { return UInt32(1) << bit }
                    found |= 1 << bit
                }
            }
        }
        return found
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
