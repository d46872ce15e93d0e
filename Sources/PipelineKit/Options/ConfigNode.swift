/// A value from a pipeline file with the position it was written at.
///
/// Stage options arrive as config nodes, so every error about an option can
/// point at the option's own line and column.
public struct ConfigNode: Sendable {
    public indirect enum Value: Sendable {
        /// A scalar as written; `quoted` is true for '…' and "…" scalars, which
        /// are always strings.
        case scalar(String, quoted: Bool)
        case sequence([ConfigNode])
        case mapping([(key: ConfigNode, value: ConfigNode)])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// A plain scalar, for tests and programmatic pipelines.
    public static func scalar(_ text: String, at location: SourceLocation = .init(file: "<memory>", line: 1, column: 1))
        -> ConfigNode
    {
        ConfigNode(.scalar(text, quoted: false), at: location)
    }

    /// The scalar's text, if this is a scalar.
    public var scalarText: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    /// True for an empty plain scalar, `~`, `null` or `Null`.
    public var isNull: Bool {
        if case let .scalar(text, quoted) = value, !quoted {
            return ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }

    /// What the node is, for "expected X, found Y" messages.
    public var kindDescription: String {
        switch value {
        case let .scalar(text, quoted): return quoted ? "the string \"\(text)\"" : "`\(text)`"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
