import CLibXML2

/// Character references in text that no HTML parser has read: JSON-LD strings
/// ("Carrow &amp; Finch"), attribute values escaped twice, feed fields.
public enum HTMLEntities {
    /// `text` with `&amp;`, `&#8217;`, `&#x2019;` and every HTML 4 named entity replaced by its
    /// character; an unknown or unterminated reference is left as it is.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), let (scalar, length) = reference(bytes, at: index) else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            index += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character a reference at `start` (an "&") stands for, and the reference's length with its ";".
    private static func reference(_ bytes: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
        var end = start + 1
        while end < bytes.count, end - start <= 32, bytes[end] != UInt8(ascii: ";") {
            let byte = bytes[end]
            let isName =
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || byte == UInt8(ascii: "#")
            guard isName else { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let name = bytes[(start + 1)..<end]
        let length = end - start + 1
        if name.first == UInt8(ascii: "#") {
            var digits = name.dropFirst()
            var radix = 10
            if let first = digits.first, first | 0x20 == UInt8(ascii: "x") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 8,
                let value = UInt32(String(decoding: digits, as: UTF8.self), radix: radix),
                value != 0, let scalar = Unicode.Scalar(value)
            else { return nil }
            return (scalar, length)
        }
        var cName = Array(name)
        cName.append(0)
        guard let entity = htmlEntityLookup(cName), let scalar = Unicode.Scalar(entity.pointee.value) else {
            return nil
        }
        return (scalar, length)
    }
}
