#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes, for callers that already hold bytes (lowercased
/// or not) and want neither Foundation's NSString search nor a String per test.
/// A whole encoded needle can only match on scalar boundaries of valid UTF-8.
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`; false for an empty needle.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let first = pin.first, let rest = pin.baseAddress else {
                    return false
                }
                // memchr to each candidate first byte, then memcmp.
                var start = 0
                let last = hay.count - pin.count
                while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                    if memcmp(found, rest, pin.count) == 0 { return true }
                    start = UnsafeRawPointer(found) - base + 1
                }
                return false
            }
        }
    }

    /// The byte offset where the last occurrence of `needle` in `haystack` starts; nil when
    /// there is none or the needle is empty.
    public static func lastOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
                return start
            }
            start -= 1
        }
        return nil
    }
}
