/// A problem found in a pipeline file, pinned to where it is.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// A hint printed under the caret, e.g. "did you mean `summarize`?".
    public var help: String?

    public init(_ message: String, at location: SourceLocation, help: String? = nil, severity: Severity = .error) {
        self.severity = severity
        self.message = message
        self.location = location
        self.help = help
    }

    /// `file:line:column: error: message` without the source excerpt.
    public var description: String {
        "\(location): \(severity.rawValue): \(message)" + (help.map { " (\($0))" } ?? "")
    }

    /// The diagnostic as a compiler prints it: header, the source line, a caret
    /// under the column and the help line.
    public func rendered(source: String?) -> String {
        var out = "\(location): \(severity.rawValue): \(message)\n"
        if let source, let line = Diagnostic.line(location.line, of: source) {
            out += "    \(line)\n"
            // Keep tabs so the caret lines up under tab-indented text.
            let prefix = line.unicodeScalars.prefix(max(0, location.column - 1))
            let padding = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            out += "    \(padding)^\n"
        }
        if let help { out += "    help: \(help)\n" }
        return out
    }

    private static func line(_ number: Int, of source: String) -> String? {
        var current = 1
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line.hasSuffix("\r") ? line.dropLast() : line) }
            current += 1
        }
        return nil
    }
}

/// The diagnostics of a pipeline file that did not validate.
public struct PipelineValidationError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The file's text, for excerpts; nil when it could not be read.
    public var source: String?

    public init(diagnostics: [Diagnostic], source: String?) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
        self.source = source
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Every diagnostic rendered, then a count line.
    public var description: String {
        let body = diagnostics.map { $0.rendered(source: source) }.joined(separator: "\n")
        let count = errors.count
        return body + "\n\(count) error\(count == 1 ? "" : "s") found; nothing was run.\n"
    }
}
