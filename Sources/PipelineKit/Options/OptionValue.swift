/// A type a stage option can have.
///
/// Conformances decode themselves from a ``ConfigNode`` and describe
/// themselves for help and JSON Schema. Int, Double, Bool, String, arrays,
/// optionals and ``OptionEnum`` types come built in.
public protocol OptionValue: Sendable {
    /// Decodes a value, or throws a message saying what was expected.
    static func decode(_ node: ConfigNode) throws(OptionError) -> Self
    /// The type as the help shows it: `integer`, `list of string`, `markdown | json`.
    static var typeName: String { get }
    /// The JSON Schema fragment for the type.
    static var schema: JSONValue { get }
    /// The value as JSON, for defaults in help and schema.
    var json: JSONValue { get }
}

/// Why an option value was rejected; the loader adds the position.
public struct OptionError: Error, Sendable, Equatable {
    public var message: String
    /// Where the problem is, when more precise than the option's value node.
    public var location: SourceLocation?
    public var help: String?

    public init(_ message: String, at location: SourceLocation? = nil, help: String? = nil) {
        self.message = message
        self.location = location
        self.help = help
    }
}

/// A string option with a fixed set of values: conform a `String` enum.
///
/// ```swift
/// enum Format: String, OptionEnum { case markdown, json, jsonl }
/// ```
public protocol OptionEnum: OptionValue, RawRepresentable<String>, CaseIterable {}

extension OptionEnum {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> Self {
        let names = allCases.map(\.rawValue)
        guard let text = node.scalarText else {
            throw OptionError("expected one of \(names.joined(separator: ", ")), found \(node.kindDescription)")
        }
        guard let value = Self(rawValue: text) else {
            throw OptionError(
                "`\(text)` is not one of \(names.joined(separator: ", "))",
                help: Suggestion.didYouMean(text, in: names))
        }
        return value
    }
    public static var typeName: String { allCases.map(\.rawValue).joined(separator: " | ") }
    public static var schema: JSONValue { ["type": "string", "enum": .array(allCases.map { .string($0.rawValue) })] }
    public var json: JSONValue { .string(rawValue) }
}

extension Int: OptionValue {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> Int {
        guard case let .scalar(text, false) = node.value, let value = Int(text.replacingOccurrences(of: "_", with: ""))
        else { throw OptionError("expected an integer, found \(node.kindDescription)") }
        return value
    }
    public static var typeName: String { "integer" }
    public static var schema: JSONValue { ["type": "integer"] }
    public var json: JSONValue { .int(self) }
}

extension Double: OptionValue {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> Double {
        guard case let .scalar(text, false) = node.value, let value = Double(text), value.isFinite else {
            throw OptionError("expected a number, found \(node.kindDescription)")
        }
        return value
    }
    public static var typeName: String { "number" }
    public static var schema: JSONValue { ["type": "number"] }
    public var json: JSONValue { .double(self) }
}

extension Bool: OptionValue {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> Bool {
        if case let .scalar(text, false) = node.value {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw OptionError("expected true or false, found \(node.kindDescription)")
    }
    public static var typeName: String { "boolean" }
    public static var schema: JSONValue { ["type": "boolean"] }
    public var json: JSONValue { .bool(self) }
}

extension String: OptionValue {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> String {
        guard let text = node.scalarText, !node.isNull || node.scalarText == "" else {
            throw OptionError("expected a string, found \(node.kindDescription)")
        }
        return text
    }
    public static var typeName: String { "string" }
    public static var schema: JSONValue { ["type": "string"] }
    public var json: JSONValue { .string(self) }
}

extension Array: OptionValue where Element: OptionValue {
    /// A list; a single scalar is accepted as a list of one.
    public static func decode(_ node: ConfigNode) throws(OptionError) -> [Element] {
        switch node.value {
        case let .sequence(items):
            var values: [Element] = []
            for item in items {
                do {
                    values.append(try Element.decode(item))
                } catch {
                    throw OptionError(error.message, at: error.location ?? item.location, help: error.help)
                }
            }
            return values
        case .scalar:
            return [try Element.decode(node)]
        case .mapping:
            throw OptionError("expected a list of \(Element.typeName), found a mapping")
        }
    }
    public static var typeName: String { "list of \(Element.typeName)" }
    public static var schema: JSONValue {
        ["anyOf": [["type": "array", "items": Element.schema], Element.schema]]
    }
    public var json: JSONValue { .array(map(\.json)) }
}

extension Optional: OptionValue where Wrapped: OptionValue {
    public static func decode(_ node: ConfigNode) throws(OptionError) -> Wrapped? {
        if node.isNull { return nil }
        return try Wrapped.decode(node)
    }
    public static var typeName: String { Wrapped.typeName }
    public static var schema: JSONValue { ["anyOf": [Wrapped.schema, ["type": "null"]]] }
    public var json: JSONValue { self?.json ?? .null }
}
