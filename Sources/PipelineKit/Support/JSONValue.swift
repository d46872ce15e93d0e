import Foundation

/// A JSON value with a deterministic serialisation.
///
/// Objects keep their keys in insertion order, so a value built the same way
/// always prints the same bytes; ``sortedKeys()`` gives a canonical order for
/// values built from dictionaries. Numbers print in Swift's shortest
/// round-trip form.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(value): hasher.combine(value)
        case let .int(value): hasher.combine(value)
        case let .double(value): hasher.combine(value)
        case let .string(value): hasher.combine(value)
        case let .array(values): hasher.combine(values)
        case let .object(pairs):
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// An object from a dictionary, keys sorted so the result is deterministic.
    public static func object(sorting dictionary: [String: JSONValue]) -> JSONValue {
        .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// `value` as a string, or `.null` when it is nil.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// The value stored under `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// This value with every object's keys sorted, recursively.
    public func sortedKeys() -> JSONValue {
        switch self {
        case let .array(values): return .array(values.map { $0.sortedKeys() })
        case let .object(pairs):
            return .object(pairs.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.sortedKeys()) })
        default: return self
        }
    }
}

// MARK: - Serialisation

extension JSONValue {
    /// The value as compact JSON (no spaces, one line).
    public var compact: String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    /// The value as JSON indented by two spaces, ending without a newline.
    public var pretty: String {
        var out = ""
        write(into: &out, indent: "  ", level: 0)
        return out
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .int(value): out += String(value)
        case let .double(value):
            if value.isFinite {
                if value == value.rounded(), abs(value) < 1e15 {
                    out += String(Int(value))
                } else {
                    out += String(value)
                }
            } else {
                out += "null"
            }
        case let .string(value): JSONValue.escape(value, into: &out)
        case let .array(values):
            if values.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent, level + 1)
                value.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case let .object(pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent, level + 1)
                JSONValue.escape(pair.0, into: &out)
                out += indent == nil ? ":" : ": "
                pair.1.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    private static func escape(_ string: String, into out: inout String) {
        out += "\""
        // Where escapes go, found on the bytes: at ASCII bytes or at the first byte of
        // U+2028/U+2029 (E2 80 A8/A9), so every cut is on a scalar boundary. Most strings
        // have none and are appended whole.
        var copy = string
        let cuts = copy.withUTF8 { bytes -> [(offset: Int, length: Int, replacement: String)] in
            var cuts: [(offset: Int, length: Int, replacement: String)] = []
            for (offset, byte) in bytes.enumerated() {
                switch byte {
                case 0x22: cuts.append((offset, 1, "\\\""))
                case 0x5C: cuts.append((offset, 1, "\\\\"))
                case 0x0A: cuts.append((offset, 1, "\\n"))
                case 0x0D: cuts.append((offset, 1, "\\r"))
                case 0x09: cuts.append((offset, 1, "\\t"))
                case 0x00..<0x20:
                    let hex = String(byte, radix: 16)
                    cuts.append((offset, 1, "\\u" + String(repeating: "0", count: 4 - hex.count) + hex))
                case 0xE2:
                    if offset + 2 < bytes.count, bytes[offset + 1] == 0x80,
                        bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9
                    {
                        cuts.append((offset, 3, bytes[offset + 2] == 0xA8 ? "\\u2028" : "\\u2029"))
                    }
                default:
                    break
                }
            }
            return cuts
        }
        if cuts.isEmpty {
            out += string
        } else {
            let utf8 = string.utf8
            var runStart = utf8.startIndex
            for cut in cuts {
                let index = utf8.index(utf8.startIndex, offsetBy: cut.offset)
                out += string[runStart..<index]
                out += cut.replacement
                runStart = utf8.index(index, offsetBy: cut.length)
            }
            out += string[runStart...]
        }
        out += "\""
    }
}

// MARK: - Parsing

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(sorting: try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(values): try container.encode(values)
        case let .object(pairs):
            try container.encode(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Parses one JSON text.
    public static func parse(_ text: some StringProtocol) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}
