/// Counting Unicode scalars on UTF-8 bytes, without decoding them: every byte that does not
/// continue a scalar (`0b10xxxxxx`) starts one. Walking a string's `unicodeScalars` view instead
/// decodes and validates each index, which showed in profiles wherever text lengths are checked.
public enum UTF8Scalars {
    /// How many scalars the valid UTF-8 `bytes` hold.
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count &+= 1 }
        return count
    }

    /// `text.unicodeScalars.count`, counted on its UTF-8.
    public static func count(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable(count) ?? text.unicodeScalars.count
    }
}
