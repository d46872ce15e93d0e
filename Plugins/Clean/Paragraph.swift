import TextKit
/// One paragraph of extracted text, with what the extractor knows about where it came from.
struct Paragraph: Equatable {
    enum Kind: Equatable {
        case paragraph
        case heading(level: Int)
        case listItem
        case quote
        case preformatted
        case cell
    }

    var text: String
    var kind: Kind
    /// Characters inside links.
    var linkCharacters: Int = 0

    var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    /// Share of the text inside links, 0...1.
    var linkDensity: Double {
        linkCharacters == 0 || text.isEmpty ? 0 : Double(linkCharacters) / Double(UTF8Scalars.count(text))
    }

    /// Words, counted as space-separated runs (the builder leaves single spaces).
    var wordCount: Int {
        // On the contiguous UTF-8 when the string has it (it always does here): iterating the
        // UTF8View byte by byte was ~0.7% of cleaning a page.
        text.utf8.withContiguousStorageIfAvailable(Self.wordCount) ?? Self.wordCount(Array(text.utf8))
    }

    private static func wordCount(_ bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}

/// Builds paragraph text from text runs: whitespace collapsed to single
/// spaces, trimmed, and the C1 controls that stand for windows-1252
/// punctuation (`&#150;` on old pages) mapped to what they meant.
struct ParagraphBuilder {
    /// The text so far, as UTF-8 (appending bytes is much cheaper than appending scalars to a String).
    private var bytes: [UInt8] = []
    private(set) var linkCharacters = 0
    private var pendingSpace = false

    var isEmpty: Bool { bytes.isEmpty }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ run: String, inLink: Bool) {
        var run = run
        run.withUTF8 { append(bytes: $0, inLink: inLink) }
    }

    /// Appends a run given as UTF-8 bytes (a text node's content, read in place).
    mutating func append(bytes run: UnsafeBufferPointer<UInt8>, inLink: Bool) {
        var added = 0
        var index = 0
        let count = run.count
        while index < count {
            let byte = run[index]
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    index += 1
                    pendingSpace = true
                    continue
                }
                // A word's worth of printable ASCII goes in at once: only its first byte can
                // need a space before it, and each byte counts one character.
                var end = index + 1
                while end < count, run[end] < 0x80, run[end] != 0x20, !(run[end] >= 0x09 && run[end] <= 0x0D) {
                    end += 1
                }
                separate(inLink: inLink, added: &added)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[index..<end]))
                if inLink { added += end - index }
                index = end
                continue
            }
            // A multi-byte sequence: decode the scalar for the few that are spaces, invisible or C1 controls.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard index + length <= count else { break }
            var value: UInt32
            switch length {
            case 2: value = UInt32(byte & 0x1F) << 6 | UInt32(run[index + 1] & 0x3F)
            case 3:
                value = UInt32(byte & 0x0F) << 12 | UInt32(run[index + 1] & 0x3F) << 6 | UInt32(run[index + 2] & 0x3F)
            default: value = 0x10000  // 4-byte scalars (and stray continuation bytes) are kept as they are
            }
            if let scalar = Unicode.Scalar(value), length <= 3, Self.isSpace(scalar) {
                pendingSpace = true
                index += length
                continue
            }
            if value == 0xAD || value == 0x200B || value == 0xFEFF {
                index += length  // soft hyphen, zero-width space, BOM: invisible
                continue
            }
            separate(inLink: inLink, added: &added)
            if length == 2, value >= 0x80 && value <= 0x9F, let scalar = Unicode.Scalar(value) {
                bytes.append(contentsOf: Array(String(Self.windows1252(scalar)).utf8))
            } else {
                for offset in 0..<length { bytes.append(run[index + offset]) }
            }
            if inLink { added += 1 }
            index += length
        }
        linkCharacters += added
    }

    private mutating func separate(inLink: Bool, added: inout Int) {
        if pendingSpace && !bytes.isEmpty {
            bytes.append(0x20)
            if inLink { added += 1 }
        }
        pendingSpace = false
    }

    mutating func take() -> (text: String, linkCharacters: Int) {
        defer {
            bytes.removeAll(keepingCapacity: true)
            linkCharacters = 0
            pendingSpace = false
        }
        let text = self.text
        return (text, min(linkCharacters, bytes.withUnsafeBufferPointer(UTF8Scalars.count)))
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Normalises a whole string the same way.
    static func clean(_ text: String) -> String {
        var builder = ParagraphBuilder()
        builder.append(text, inLink: false)
        return builder.take().text
    }

    private static func windows1252(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(scalar.value - 0x80)]) ?? scalar
    }
}
