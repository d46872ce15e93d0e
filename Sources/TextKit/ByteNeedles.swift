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

    public init(_ phrases: [String]) {
        precondition(phrases.count <= 32 && phrases.allSatisfy { !$0.isEmpty }, "at most 32 non-empty phrases")
        precondition(phrases.allSatisfy { $0 == $0.lowercased() || !$0.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } },
                     "phrases are written in lowercase")
        needles = phrases.map { Array($0.utf8) }
        var table = [UInt32](repeating: 0, count: 256)
        for (bit, needle) in needles.enumerated() { table[Int(needle[0])] |= 1 << bit }
        byFirstByte = table
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
        var found: UInt32 = 0
        for index in haystack.indices {
            var candidates = byFirstByte[Int(Self.lower(haystack[index]))] & ~found
            while candidates != 0 {
                let bit = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                let needle = needles[bit]
                guard index + needle.count <= haystack.count else { continue }
                var matched = 1
                while matched < needle.count && Self.lower(haystack[index + matched]) == needle[matched] { matched += 1 }
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
