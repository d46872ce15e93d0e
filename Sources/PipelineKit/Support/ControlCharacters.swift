/// Control characters in text that came from outside (file names, ids,
/// titles): a terminal obeys them (`ESC ] 0 ;` retitles the window, `ESC [ 2 J`
/// clears it) and file formats forbid or mangle them, so nothing scraped is
/// printed or written with them intact.
public enum ControlCharacters {
    /// C0 controls, DEL and C1 controls; tab and line feed are not included
    /// (they are text), carriage return is.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(value)
    }

    /// `text` with every control character written out as `\x1B` (or
    /// `\u{9B}` for C1), for printing to a terminal. Tab and line feed stay.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let written = scalar.value < 0x80 ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u{\(hex)}"
                out.append(contentsOf: written.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` without control characters, for file formats; `keeping` lists
    /// the ones a format allows where they stand (say `\r` inside a CSV field).
    public static func stripped(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        func drops(_ scalar: Unicode.Scalar) -> Bool { isControl(scalar) && !keeping.contains(scalar) }
        guard text.unicodeScalars.contains(where: drops) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !drops($0) })
        return String(out)
    }

    /// ``stripped(_:keeping:)`` for an optional.
    public static func stripped(_ text: String?) -> String? {
        text.map { stripped($0) }
    }
}
