/// The options of a stage, declared once.
///
/// A conforming type is a plain struct whose `init()` holds the defaults, and
/// whose ``declarations`` list each option with its YAML name, key path and
/// documentation. That one list drives decoding (with unknown-key errors and
/// did-you-mean), range checks, `pipe stages NAME` and `pipe schema`.
///
/// ```swift
/// public struct Options: StageOptions {
///     public var sentences = 3
///     public init() {}
///     public static let declarations: [OptionDeclaration<Self>] = [
///         .init("sentences", \.sentences, range: 1...20, help: "Sentences per summary."),
///     ]
/// }
/// ```
public protocol StageOptions: Sendable {
    /// Every option at its default.
    init()
    /// The options, in the order help shows them.
    static var declarations: [OptionDeclaration<Self>] { get }
    /// Checks that involve several options together; runs after each option
    /// decoded and passed its own checks.
    func validate() throws(OptionError)
    /// The file these options make the stage write, as a path template
    /// (placeholders `{date}` and `{name}` left in), or nil for a stage that
    /// writes none. The loader refuses two steps that write one file, and a
    /// path that names an existing folder.
    var outputPath: String? { get }
}

extension StageOptions {
    public func validate() throws(OptionError) {}
    public var outputPath: String? { nil }
}

/// Options for a stage that takes none.
public struct NoOptions: StageOptions {
    public init() {}
    public static var declarations: [OptionDeclaration<NoOptions>] { [] }
}

/// One option of a ``StageOptions`` type: name, type, default, help, checks.
public struct OptionDeclaration<Root: StageOptions>: Sendable {
    /// The key in YAML (`min_paragraph_words`).
    public let name: String
    /// One or two sentences for `pipe stages NAME` and the schema.
    public let help: String
    /// The type as help shows it.
    public let typeName: String
    /// False while an option is accepted but not acted on yet; help says so.
    public let implemented: Bool
    let assign: @Sendable (inout Root, ConfigNode) throws(OptionError) -> Void
    let current: @Sendable (Root) -> JSONValue
    let schemaFragment: JSONValue

    /// Declares an option stored at `keyPath`.
    ///
    /// - Parameters:
    ///   - check: returns a message when a decoded value is not acceptable.
    ///   - extraSchema: JSON Schema keywords describing `check` (e.g. minimum).
    public init<Value: OptionValue>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, help: String, implemented: Bool = true,
        check: (@Sendable (Value) -> String?)? = nil, extraSchema: [(String, JSONValue)] = []
    ) {
        self.name = name
        self.help = help
        self.typeName = Value.typeName
        self.implemented = implemented
        self.assign = { (root: inout Root, node: ConfigNode) throws(OptionError) in
            let value = try Value.decode(node)
            if let message = check?(value) { throw OptionError(message) }
            root[keyPath: keyPath] = value
        }
        self.current = { root in root[keyPath: keyPath].json }
        var schema = Value.schema
        if case var .object(pairs) = schema, !extraSchema.isEmpty {
            pairs.append(contentsOf: extraSchema)
            schema = .object(pairs)
        }
        self.schemaFragment = schema
    }

    /// Declares a numeric option that must lie in `range`.
    public init<Value: OptionValue & Comparable>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, range: ClosedRange<Value>, help: String,
        implemented: Bool = true
    ) {
        self.init(
            name, keyPath, help: help, implemented: implemented,
            check: { value in
                range.contains(value)
                    ? nil : "\(value) is out of range: expected \(range.lowerBound)...\(range.upperBound)"
            },
            extraSchema: [("minimum", range.lowerBound.json), ("maximum", range.upperBound.json)])
    }

    /// The default value, as JSON.
    public var defaultValue: JSONValue { current(Root()) }

    /// The JSON Schema for this option, with its description and default.
    public var schema: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("description", .string(help + (implemented ? "" : " (not implemented yet)")))
        ]
        if defaultValue != .null { pairs.append(("default", defaultValue)) }
        if case let .object(own) = schemaFragment { pairs.append(contentsOf: own) }
        return .object(pairs)
    }
}

// MARK: - Canonical form

extension StageOptions {
    /// Every declared option and its value as JSON with sorted keys, one
    /// line: the same options give the same bytes in every build and on every
    /// platform (unlike `String(reflecting:)`, a debugging format), so
    /// checkpoint fingerprints are made from it.
    public var canonicalJSON: String {
        JSONValue.object(Self.declarations.map { ($0.name, $0.current(self)) }).sortedKeys().compact
    }
}

// MARK: - Decoding

extension StageOptions {
    /// Decodes options from a stage entry's value (a mapping, or null for all
    /// defaults), collecting every problem rather than stopping at the first.
    public static func decode(from node: ConfigNode?, stage: String) -> (Self, [Diagnostic]) {
        var options = Self()
        guard let node, !node.isNull else { return (options, []) }
        guard case let .mapping(pairs) = node.value else {
            return (
                options,
                [
                    Diagnostic(
                        "options of `\(stage)` must be a mapping, found \(node.kindDescription)", at: node.location)
                ]
            )
        }
        var diagnostics: [Diagnostic] = []
        let names = declarations.map(\.name)
        for (key, value) in pairs {
            guard let name = key.scalarText else {
                diagnostics.append(Diagnostic("option names must be plain words", at: key.location))
                continue
            }
            guard let declaration = declarations.first(where: { $0.name == name }) else {
                let known =
                    names.isEmpty
                    ? "it takes no options" : "it takes \(names.map { "`\($0)`" }.joined(separator: ", "))"
                diagnostics.append(
                    Diagnostic(
                        "unknown option `\(name)` for stage `\(stage)`", at: key.location,
                        help: Suggestion.didYouMean(name, in: names) ?? known))
                continue
            }
            do {
                try declaration.assign(&options, value)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        "option `\(name)` of `\(stage)`: \(error.message)", at: error.location ?? value.location,
                        help: error.help))
            }
        }
        if diagnostics.isEmpty {
            do { try options.validate() } catch {
                diagnostics.append(
                    Diagnostic(
                        "options of `\(stage)`: \(error.message)", at: error.location ?? node.location, help: error.help
                    ))
            }
        }
        return (options, diagnostics)
    }

    /// The JSON Schema of the options mapping; unknown keys are not allowed.
    public static var schema: JSONValue {
        .object([
            ("type", "object"),
            ("properties", .object(declarations.map { ($0.name, $0.schema) })),
            ("additionalProperties", false),
        ])
    }
}
