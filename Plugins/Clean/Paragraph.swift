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
        text.isEmpty ? 0 : Double(linkCharacters) / Double(text.unicodeScalars.count)
    }

    /// Words, counted as space-separated runs (the builder leaves single spaces).
    var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
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
    private(set) var text = ""
    private(set) var linkCharacters = 0
    private var pendingSpace = false

    var isEmpty: Bool { text.isEmpty }

    mutating func append(_ run: String, inLink: Bool) {
        var added = 0
        for scalar in run.unicodeScalars {
            if Self.isSpace(scalar) {
                pendingSpace = true
                continue
            }
            if pendingSpace && !text.isEmpty {
                text.unicodeScalars.append(" ")
                if inLink { added += 1 }
            }
            pendingSpace = false
            if scalar.value >= 0x80 && scalar.value <= 0x9F {
                text.unicodeScalars.append(Self.windows1252(scalar))
            } else if scalar.value == 0xAD || scalar.value == 0x200B || scalar.value == 0xFEFF {
                continue  // soft hyphen, zero-width space, BOM: invisible
            } else {
                text.unicodeScalars.append(scalar)
            }
            if inLink { added += 1 }
        }
        linkCharacters += added
    }

    mutating func take() -> (text: String, linkCharacters: Int) {
        defer {
            text = ""
            linkCharacters = 0
            pendingSpace = false
        }
        return (text, min(linkCharacters, text.unicodeScalars.count))
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
