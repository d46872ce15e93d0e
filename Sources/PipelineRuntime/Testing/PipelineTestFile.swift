import Foundation
import PipelineKit

/// A file of pipeline unit tests (`pipe test FILE`).
///
/// ```yaml
/// pipeline: ../daily.yaml          # relative to this file
/// stages: {from: clean, to: cluster} # optional; default every stage
/// date: 2026-11-20                   # optional run date
/// env: {PIPE_INBOX: inbox}           # optional, for every test
/// tests:
///   - name: cookie banners are removed
///     env: {MIN: "10"}               # optional, this test only
///     documents:
///       - {id: a, text: "…", title: "…", site: "…", published: "2026-11-20"}
///       - {id: b, file: fixtures/b.html}
///     expect:
///       - {document: a, field: text, contains: "harbour"}
///       - {document: b, dropped: "too little text"}
///       - {same_story: [a, b]}
/// ```
public struct PipelineTestFile: Sendable {
    public var file: URL
    public var pipeline: URL
    public var pipelineLocation: SourceLocation
    public var from: StageSelector?
    public var to: StageSelector?
    public var date: String
    public var environment: [String: String]
    public var tests: [PipelineTestCase]

    /// Picks a stage of the pipeline by name (first occurrence) or 1-based position.
    public enum StageSelector: Sendable, Equatable {
        case name(String)
        case position(Int)
    }
}

/// One test: fixture documents, expectations, environment.
public struct PipelineTestCase: Sendable {
    public var name: String
    public var location: SourceLocation
    public var environment: [String: String]
    public var documents: [Document]
    public var expectations: [PipelineExpectation]
}

/// Something a test expects of the pipeline's output.
public struct PipelineExpectation: Sendable {
    public enum Check: Sendable {
        /// `field` of `document` compared by `comparison`.
        case field(document: String, field: String, comparison: Comparison)
        /// The document was set aside; its reason contains the text (empty: any reason).
        case dropped(document: String, reason: String)
        /// The document made it to the end.
        case kept(document: String)
        /// All the documents are in one story.
        case sameStory([String])
        /// No two of the documents share a story.
        case differentStories([String])
    }

    public enum Comparison: Sendable {
        case equals(String)
        case contains(String)
        case notContains(String)
        case matches(String)
        case empty(Bool)
    }

    public var check: Check
    public var location: SourceLocation
}

// MARK: - Loading

extension PipelineTestFile {
    /// Reads and validates a test file; all problems are reported together.
    public static func load(_ url: URL) throws(PipelineValidationError) -> PipelineTestFile {
        let display = PipelineLoader.displayPath(url)
        let start = SourceLocation(file: display, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(validatingUTF8Data: data)
        else {
            throw PipelineValidationError(
                diagnostics: [Diagnostic("cannot read test file (missing, or not UTF-8)", at: start)], source: nil)
        }
        var parser = TestFileParser(file: url, display: display)
        let result = parser.parse(text)
        if let result, parser.diagnostics.isEmpty { return result }
        throw PipelineValidationError(diagnostics: parser.diagnostics, source: text)
    }
}

private struct TestFileParser {
    let file: URL
    let display: String
    var diagnostics: [Diagnostic] = []

    init(file: URL, display: String) {
        self.file = file
        self.display = display
    }

    mutating func parse(_ text: String) -> PipelineTestFile? {
        let root: ConfigNode
        switch YAMLSource(file: display, text: text).parse() {
        case let .failure(diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(nil):
            diagnostics.append(
                Diagnostic("the test file is empty", at: SourceLocation(file: display, line: 1, column: 1)))
            return nil
        case let .success(node?):
            root = node
        }
        guard let pairs = mapping(root, "a test file") else { return nil }
        var result = PipelineTestFile(
            file: file, pipeline: file, pipelineLocation: root.location, from: nil, to: nil,
            date: "2026-01-01", environment: [:], tests: [])
        var sawPipeline = false
        for (key, value) in pairs {
            switch key.scalarText ?? "" {
            case "pipeline":
                if let path = string(value, "`pipeline`") {
                    sawPipeline = true
                    result.pipeline = URL(resolving: path, against: file.deletingLastPathComponent())
                    result.pipelineLocation = value.location
                    if !FileManager.default.fileExists(atPath: result.pipeline.path) {
                        diagnostics.append(
                            Diagnostic(
                                "pipeline file `\(path)` does not exist", at: value.location,
                                help: "paths are relative to the test file"))
                    }
                }
            case "stages":
                for (rangeKey, bound) in mapping(value, "`stages`") ?? [] {
                    let selector = bound.scalarText.map {
                        Int($0).map(PipelineTestFile.StageSelector.position) ?? .name($0)
                    }
                    switch rangeKey.scalarText {
                    case "from": result.from = selector
                    case "to": result.to = selector
                    default:
                        diagnostics.append(
                            Diagnostic(
                                "unknown key `\(rangeKey.scalarText ?? "")` in `stages`", at: rangeKey.location,
                                help: "use `from:` and `to:` with a stage name or position"))
                    }
                }
            case "date":
                if let date = string(value, "`date`") {
                    if Timestamp.parse(date) == nil || date.count != 10 {
                        diagnostics.append(Diagnostic("`date` must be YYYY-MM-DD", at: value.location))
                    } else {
                        result.date = date
                    }
                }
            case "env": result.environment = environment(value)
            case "tests":
                guard case let .sequence(items) = value.value else {
                    diagnostics.append(Diagnostic("`tests` must be a list", at: value.location))
                    continue
                }
                if items.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            "`tests` is empty", at: value.location,
                            help: "a test file that tests nothing passes whatever the pipeline does; add a test"))
                }
                result.tests = items.compactMap { testCase($0) }
            default:
                let name = key.scalarText ?? ""
                diagnostics.append(
                    Diagnostic(
                        "unknown key `\(name)` in test file", at: key.location,
                        help: Suggestion.didYouMean(name, in: ["pipeline", "stages", "date", "env", "tests"])))
            }
        }
        if !sawPipeline {
            diagnostics.append(Diagnostic("missing `pipeline:` (the pipeline file to test)", at: root.location))
        }
        return result
    }

    private mutating func testCase(_ node: ConfigNode) -> PipelineTestCase? {
        guard let pairs = mapping(node, "a test") else { return nil }
        var test = PipelineTestCase(
            name: "", location: node.location, environment: [:], documents: [], expectations: [])
        for (key, value) in pairs {
            switch key.scalarText ?? "" {
            case "name": test.name = string(value, "`name`") ?? ""
            case "env": test.environment = environment(value)
            case "documents":
                guard case let .sequence(items) = value.value else {
                    diagnostics.append(Diagnostic("`documents` must be a list", at: value.location))
                    continue
                }
                test.documents = items.compactMap { document($0) }
            case "expect":
                guard case let .sequence(items) = value.value else {
                    diagnostics.append(Diagnostic("`expect` must be a list", at: value.location))
                    continue
                }
                test.expectations = items.compactMap { expectation($0) }
            default:
                let name = key.scalarText ?? ""
                diagnostics.append(
                    Diagnostic(
                        "unknown key `\(name)` in a test", at: key.location,
                        help: Suggestion.didYouMean(name, in: ["name", "env", "documents", "expect"])))
            }
        }
        if test.name.isEmpty { diagnostics.append(Diagnostic("a test needs a `name`", at: node.location)) }
        if test.expectations.isEmpty {
            diagnostics.append(Diagnostic("a test needs at least one `expect` entry", at: node.location))
        }
        return test
    }

    static let documentKeys = ["id", "text", "html", "file", "title", "url", "site", "author", "published", "source"]

    private mutating func document(_ node: ConfigNode) -> Document? {
        guard let pairs = mapping(node, "a document") else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in pairs {
            let name = key.scalarText ?? ""
            guard Self.documentKeys.contains(name) else {
                diagnostics.append(
                    Diagnostic(
                        "unknown document field `\(name)`", at: key.location,
                        help: Suggestion.didYouMean(name, in: Self.documentKeys)))
                continue
            }
            fields[name] = string(value, "`\(name)`")
        }
        guard let id = fields["id"] else {
            diagnostics.append(Diagnostic("a document needs an `id`", at: node.location))
            return nil
        }
        var raw = fields["html"] ?? fields["text"]
        var mediaType: MediaType = fields["html"] != nil ? .html : .text
        if let path = fields["file"] {
            let url = URL(resolving: path, against: file.deletingLastPathComponent())
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(Diagnostic("fixture file `\(path)` cannot be read", at: node.location))
                return nil
            }
            raw = String(decoding: data, as: UTF8.self)
            mediaType = InputFormat(fileName: path) == .html ? .html : .text
        }
        guard let raw else {
            diagnostics.append(Diagnostic("document `\(id)` needs `text`, `html` or `file`", at: node.location))
            return nil
        }
        var document = Document(
            id: id, source: fields["source"] ?? id, url: fields["url"], raw: raw, mediaType: mediaType)
        document.title = fields["title"]
        document.site = fields["site"]
        document.author = fields["author"]
        if let published = fields["published"] {
            document.published = Timestamp.parse(published)
            if document.published == nil {
                diagnostics.append(Diagnostic("`published` is not a date", at: node.location))
            }
        }
        return document
    }

    private mutating func expectation(_ node: ConfigNode) -> PipelineExpectation? {
        guard let pairs = mapping(node, "an expectation") else { return nil }
        var values: [String: ConfigNode] = [:]
        for (key, value) in pairs { values[key.scalarText ?? ""] = value }
        func ids(_ node: ConfigNode) -> [String] {
            guard case let .sequence(items) = node.value, items.count >= 2 else {
                diagnostics.append(Diagnostic("expected a list of at least two document ids", at: node.location))
                return []
            }
            return items.compactMap(\.scalarText)
        }
        if let list = values["same_story"] {
            return PipelineExpectation(check: .sameStory(ids(list)), location: node.location)
        }
        if let list = values["different_story"] {
            return PipelineExpectation(check: .differentStories(ids(list)), location: node.location)
        }
        guard let documentNode = values["document"], let document = documentNode.scalarText else {
            diagnostics.append(
                Diagnostic(
                    "an expectation names a `document` (or is `same_story` / `different_story`)", at: node.location))
            return nil
        }
        if let reason = values["dropped"] {
            let text = reason.scalarText == "true" ? "" : reason.scalarText ?? ""
            return PipelineExpectation(check: .dropped(document: document, reason: text), location: node.location)
        }
        if values["kept"] != nil {
            return PipelineExpectation(check: .kept(document: document), location: node.location)
        }
        guard let field = values["field"]?.scalarText else {
            diagnostics.append(
                Diagnostic("an expectation on a document needs `field`, `dropped` or `kept`", at: node.location))
            return nil
        }
        let comparisons: [(String, (String) -> PipelineExpectation.Comparison)] = [
            ("equals", { .equals($0) }), ("contains", { .contains($0) }), ("not_contains", { .notContains($0) }),
            ("matches", { .matches($0) }), ("empty", { .empty($0 == "true") }),
        ]
        for (name, make) in comparisons {
            if let value = values[name], let text = value.scalarText {
                if name == "matches", (try? NSRegularExpression(pattern: text)) == nil {
                    diagnostics.append(Diagnostic("`\(text)` is not a valid regular expression", at: value.location))
                }
                return PipelineExpectation(
                    check: .field(document: document, field: field, comparison: make(text)), location: node.location)
            }
        }
        diagnostics.append(
            Diagnostic(
                "say how to compare `\(field)`: equals, contains, not_contains, matches or empty", at: node.location))
        return nil
    }

    // MARK: Helpers

    private mutating func mapping(_ node: ConfigNode, _ what: String) -> [(key: ConfigNode, value: ConfigNode)]? {
        guard case let .mapping(pairs) = node.value else {
            diagnostics.append(
                Diagnostic("\(what) must be a mapping, found \(node.kindDescription)", at: node.location))
            return nil
        }
        return pairs
    }

    private mutating func string(_ node: ConfigNode, _ what: String) -> String? {
        guard let text = node.scalarText else {
            diagnostics.append(Diagnostic("\(what) must be a string, found \(node.kindDescription)", at: node.location))
            return nil
        }
        return text
    }

    private mutating func environment(_ node: ConfigNode) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in mapping(node, "`env`") ?? [] {
            if let name = key.scalarText, let text = string(value, "`env` values") { values[name] = text }
        }
        return values
    }
}
