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
        rendered(lines: source.map(SourceLines.init))
    }

    /// As ``rendered(source:)``, with the file already split into lines, so
    /// rendering many diagnostics of one file reads the file once.
    func rendered(lines: SourceLines?) -> String {
        var out = "\(location): \(severity.rawValue): \(message)\n"
        if let line = lines?.line(location.line) {
            out += "    \(line)\n"
            // Keep tabs so the caret lines up under tab-indented text.
            let prefix = line.unicodeScalars.prefix(max(0, location.column - 1))
            let padding = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            out += "    \(padding)^\n"
        }
        if let help { out += "    help: \(help)\n" }
        return out
    }
}

/// A file's lines, split once, for excerpts under diagnostics.
struct SourceLines {
    /// Excerpts longer than this are cut, so a huge one-line value cannot flood the terminal.
    static let maxExcerptScalars = 200

    private let lines: [Substring]

    init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (from 1) without its line break, cut to ``maxExcerptScalars``.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        if line.unicodeScalars.count > Self.maxExcerptScalars {
            return String(String.UnicodeScalarView(line.unicodeScalars.prefix(Self.maxExcerptScalars))) + " …"
        }
        return String(line)
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

    /// How many diagnostics are printed; the rest are counted in one line.
    public static let maxReported = 100

    /// The first ``maxReported`` diagnostics rendered, a line counting the
    /// rest, then a count line. Linear in the number of diagnostics.
    public var description: String {
        let lines = source.map(SourceLines.init)
        var body = diagnostics.prefix(Self.maxReported).map { $0.rendered(lines: lines) }.joined(separator: "\n")
        if diagnostics.count > Self.maxReported {
            let more = diagnostics.count - Self.maxReported
            body += "\n… and \(more) more problem\(more == 1 ? "" : "s") not shown\n"
        }
        let count = errors.count
        return body + "\n\(count) error\(count == 1 ? "" : "s") found; nothing was run.\n"
    }
}
