import Foundation
import PipelineKit
#if canImport(Glibc)
    import Glibc
#endif

/// Turns file bytes into text: BOMs, declared charsets, binary detection.
enum TextDecoding {
    enum Failure: Error, Equatable {
        case binary(String)
    }

    struct Decoded {
        var text: String
        /// Set when the text was not plain UTF-8: what was used and why.
        var note: String?
    }

    /// Decodes `data`. `declared` is a charset name found in the content
    /// (e.g. `<meta charset>`), if any.
    static func decode(_ data: Data, declared: String? = nil) throws -> Decoded {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try decode(data.dropFirst(3), declared: nil)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            if let text = String(data: data.dropFirst(2), encoding: encoding) {
                return Decoded(text: composed(text), note: "utf-16 (byte order mark)")
            }
        }
        if let reason = binaryReason(data) { throw Failure.binary(reason) }
        let charset = declared?.lowercased().trimmingCharacters(in: .whitespaces)
        if let charset, Self.latinCharsets.contains(charset) {
            return Decoded(text: windows1252(data), note: "\(charset) (declared)")
        }
        if let text = String(validating: data, as: UTF8.self) {
            return Decoded(text: composed(text), note: nil)
        }
        // Another declared charset (KOI8-R, Shift_JIS, GB2312, …): glibc's iconv knows them.
        var unknown: String?
        if let charset, !["utf-8", "utf8"].contains(charset) {
            if let text = iconvDecode(data, from: charset) {
                return Decoded(text: composed(text), note: "\(charset) (declared, decoded with iconv)")
            }
            unknown = charset
        }
        // Not UTF-8 and nothing usable declared: legacy pages are nearly
        // always windows-1252, which is what browsers fall back to as well.
        let why = unknown.map { "declared \($0) could not be decoded, and not valid UTF-8" } ?? "not valid UTF-8"
        return Decoded(text: windows1252(data), note: "windows-1252 (guessed: \(why))")
    }

    /// `data` decoded from `charset` by iconv; nil when iconv does not know the
    /// charset or the bytes are not valid in it.
    static func iconvDecode(_ data: Data, from charset: String) -> String? {
        let converter = iconv_open("UTF-8", charset)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = [CChar](repeating: 0, count: data.count)
        input.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        var output = [CChar](repeating: 0, count: data.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `text` in Unicode's composed form (NFC) when it has a combining mark that composes, else
    /// as it is.
    ///
    /// The stages compare words by their bytes ("Zürich" in the gazetteer, a word counted
    /// twice in a document), so the same word must have the same bytes wherever it was written.
    /// Nearly every page is composed already. What can make it otherwise is a mark written after
    /// its letter that Unicode composes with it: the combining diacritics U+0300–U+036F ("u" +
    /// U+0308 for "ü", as text saved on a Mac often is), Arabic maddah and hamza U+0653–U+0655,
    /// and the kana voicing marks U+3099–U+309A. Those are found by their bytes, eight at a time;
    /// other marks (Arabic vowel signs, say, which nothing composes with) leave the text as
    /// written. Only the words around such marks go through Foundation's normaliser.
    static func composed(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress else { return text }
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
            func piece(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var result: String?
            var copied = 0  // bytes[..<copied] are in `result`
            var i = 0
            while i < count {
                // Skip eight bytes with no lead byte (0b11xxxxxx) among them.
                if i + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if word & (word << 1) & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let lead = bytes[i]
                let next = i + 1 < count ? bytes[i + 1] : 0
                let isMark: Bool
                switch lead {
                case 0xCC: isMark = true  // U+0300–U+033F
                case 0xCD: isMark = next <= 0xAF  // U+0340–U+036F
                case 0xD9: isMark = next >= 0x93 && next <= 0x95  // U+0653–U+0655
                case 0xE3: isMark = next == 0x82 && i + 2 < count && (bytes[i + 2] == 0x99 || bytes[i + 2] == 0x9A)
                default: isMark = false
                }
                guard isMark else {
                    i += 1
                    continue
                }
                // Compose the word around the mark, from the space before it to the space after:
                // nothing composes across a space, so the rest of the text stays as it is.
                var start = i
                while start > copied, !isSpace(bytes[start - 1]) { start -= 1 }
                var end = i
                while end < count, !isSpace(bytes[end]) { end += 1 }
                if result == nil {
                    result = String()
                    result!.reserveCapacity(count)
                }
                result! += piece(copied..<start)
                result! += piece(start..<end).precomposedStringWithCanonicalMapping
                copied = end
                i = end
            }
            guard var result else { return text }
            result += piece(copied..<count)
            return result
        }
    }

    static let latinCharsets: Set<String> = [
        "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
        "x-cp1252", "iso-8859-15", "iso_8859-1",
    ]

    /// Why `data` looks binary: NUL bytes or a high share of control bytes in its first 8 KB.
    static func binaryReason(_ data: Data) -> String? {
        let sample = data.prefix(8192)
        if sample.isEmpty { return nil }
        let (nul, controls) = sample.withUnsafeBytes { bytes -> (Bool, Int) in
            var controls = 0
            for byte in bytes {
                if byte == 0 { return (true, 0) }
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B {
                    controls += 1
                }
            }
            return (false, controls)
        }
        if nul { return "binary file (contains NUL bytes)" }
        if controls * 20 > sample.count {
            return "binary file (\(controls) control bytes in the first \(sample.count))"
        }
        return nil
    }

    /// windows-1252 bytes to text (ISO-8859-1 is read the same way, as browsers do).
    static func windows1252(_ data: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in data {
            if (0x80...0x9F).contains(byte), let scalar = Unicode.Scalar(cp1252High[Int(byte - 0x80)]) {
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The charset an HTML page declares in its first 4 KB: `<meta charset=…>`,
    /// `<meta http-equiv … content="…; charset=…">` or `<?xml … encoding=…?>`.
    static func declaredHTMLCharset(_ data: Data) -> String? {
        // Markers and names are ASCII: the head's bytes with ASCII capitals folded are searched as they are.
        let head = data.prefix(4096).withUnsafeBytes { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { folded, count in
                for (index, byte) in bytes.enumerated() {
                    folded[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                count = bytes.count
            }
        }
        for marker in [Array("charset=".utf8), Array("encoding=".utf8)] where head.count >= marker.count {
            var start = 0
            while start <= head.count - marker.count {
                guard head[start] == marker[0], head[start..<(start + marker.count)].elementsEqual(marker) else {
                    start += 1
                    continue
                }
                start += marker.count
                var index = start
                while index < head.count,
                    [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: " ")].contains(head[index])
                { index += 1 }
                var end = index
                while end < head.count, Self.isCharsetNameByte(head[end]) { end += 1 }
                if end > index { return String(decoding: head[index..<end], as: UTF8.self) }
            }
        }
        return nil
    }

    private static func isCharsetNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
