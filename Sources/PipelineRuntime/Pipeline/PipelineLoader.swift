import Foundation
import PipelineKit

/// Reads a pipeline file and validates all of it.
///
/// Every problem (YAML syntax, unknown stage or option, wrong type, value out
/// of range, unset variable, missing input, a stage needing a field nothing
/// produces) is collected as a ``Diagnostic`` with its position; loading
/// fails with all of them at once, and nothing runs.
public struct PipelineLoader: Sendable {
    /// Pipeline files larger than this are refused unread.
    public static let maxFileBytes = 1_048_576

    public var registry: StageRegistry
    public var environment: [String: String]
    /// Whether a missing input path is an error (off when `--input` replaces it).
    public var checkInputExists: Bool

    public init(
        registry: StageRegistry, environment: [String: String] = ProcessInfo.processInfo.environment,
        checkInputExists: Bool = true
    ) {
        self.registry = registry
        self.environment = environment
        self.checkInputExists = checkInputExists
    }

    /// Loads and validates the pipeline file at `url`.
    public func load(file url: URL) throws(PipelineValidationError) -> Pipeline {
        let display = Self.displayPath(url)
        let start = SourceLocation(file: display, line: 1, column: 1)
        let data: Data
        do {
            // What kind of file it is comes first: opening a FIFO would wait for a
            // writer, and /dev/zero never ends.
            if let kind = FileKind.of(path: url.path), kind != .regular {
                let problem =
                    kind == .folder
                    ? "pipeline file `\(display)` is a folder"
                    : "pipeline file `\(display)` is \(kind.description), not a regular file"
                throw PipelineValidationError(
                    diagnostics: [Diagnostic(problem, at: start, help: "give the path of the pipeline's YAML file")],
                    source: nil)
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                throw PipelineValidationError(
                    diagnostics: [
                        Diagnostic("pipeline file is \(size) bytes; the limit is \(Self.maxFileBytes)", at: start)
                    ],
                    source: nil)
            }
            data = try Data(contentsOf: url)
        } catch let error as PipelineValidationError {
            throw error
        } catch {
            throw PipelineValidationError(
                diagnostics: [Diagnostic("cannot read pipeline file: \(Self.describe(error))", at: start)], source: nil)
        }
        guard let text = String(validatingUTF8Data: data) else {
            throw PipelineValidationError(
                diagnostics: [Diagnostic("pipeline file is not valid UTF-8", at: start)], source: nil)
        }
        return try load(source: text, file: url)
    }

    /// Validates pipeline text as if read from `url` (used for positions and relative paths).
    public func load(source: String, file url: URL) throws(PipelineValidationError) -> Pipeline {
        var source = source
        // A byte-order mark some editors write is not part of the first key.
        if source.unicodeScalars.first == "\u{FEFF}" { source = String(source.unicodeScalars.dropFirst()) }
        var validation = Validation(loader: self, file: url, display: Self.displayPath(url))
        let pipeline = validation.run(source: source)
        if let pipeline, validation.diagnostics.allSatisfy({ $0.severity != .error }) {
            return pipeline
        }
        throw PipelineValidationError(diagnostics: validation.diagnostics, source: source)
    }

    /// The path as the user would type it: relative to the working directory when inside it.
    public static func displayPath(_ url: URL) -> String { PathText.display(url) }

    static func describe(_ error: any Error) -> String { PathText.describe(error) }
}

/// The files a pipeline's steps write, for catching two steps that write one
/// file (the later would silently replace the earlier) and paths that name a
/// folder.
private struct OutputPaths {
    let base: URL
    private var seen: [String: (step: String, at: SourceLocation)] = [:]

    init(base: URL) {
        self.base = base
    }

    /// Records `template`; a diagnostic when an earlier step writes the same
    /// file or the path is an existing folder.
    mutating func add(_ template: String, step: String, at location: SourceLocation) -> Diagnostic? {
        let key = URL(resolving: template, against: base).standardizedFileURL.path
        if let first = seen[key] {
            return Diagnostic(
                "`\(step)` writes `\(template)`, which `\(first.step)` at line \(first.at.line) writes too",
                at: location, help: "each entry needs its own path, or the later file replaces the earlier")
        }
        seen[key] = (step, location)
        var isDirectory: ObjCBool = false
        if !template.contains("{"), FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return Diagnostic("`\(template)` is a folder", at: location, help: "give the path of a file inside it")
        }
        return nil
    }
}

/// One validation pass over one file; collects diagnostics.
private struct Validation {
    let loader: PipelineLoader
    let file: URL
    let display: String
    var diagnostics: [Diagnostic] = []

    init(loader: PipelineLoader, file: URL, display: String) {
        self.loader = loader
        self.file = file
        self.display = display
    }

    static let topLevelKeys = ["name", "description", "input", "output", "state", "stages"]

    mutating func run(source: String) -> Pipeline? {
        let start = SourceLocation(file: display, line: 1, column: 1)
        let root: ConfigNode
        switch YAMLSource(file: display, text: source).parse() {
        case let .failure(diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(nil):
            diagnostics.append(
                Diagnostic("the pipeline file is empty", at: start, help: "it needs at least `input:` and `stages:`"))
            return nil
        case let .success(node?):
            root = interpolate(node)
        }
        guard case let .mapping(pairs) = root.value else {
            diagnostics.append(
                Diagnostic(
                    "a pipeline file is a mapping with `input:` and `stages:`, found \(root.kindDescription)",
                    at: root.location))
            return nil
        }

        var name = file.deletingPathExtension().lastPathComponent
        var input: InputOptions?
        var inputNode: ConfigNode?
        var output = "out"
        var state: StateOptions?
        var stateSetsWindow = false
        var steps: [PipelineStep] = []
        var sawStages = false

        for (key, value) in pairs {
            switch key.scalarText ?? "" {
            case "name":
                if let text = value.scalarText, Self.isSafeName(text) {
                    name = text
                } else {
                    diagnostics.append(
                        Diagnostic(
                            "`name` must be letters, digits, `.`, `_` or `-`, found \(value.kindDescription)",
                            at: value.location, help: "it becomes part of file names through `{name}`"))
                }
            case "description":
                if value.scalarText == nil {
                    diagnostics.append(Diagnostic("`description` must be a string", at: value.location))
                }
            case "input":
                inputNode = value
                input = decodeInput(value)
            case "output":
                if let text = value.scalarText, !text.isEmpty {
                    output = text
                } else {
                    diagnostics.append(
                        Diagnostic("`output` must be a folder path, found \(value.kindDescription)", at: value.location)
                    )
                }
            case "state":
                state = decodeState(value)
                if case let .mapping(pairs) = value.value {
                    stateSetsWindow = pairs.contains { $0.key.scalarText == "window_days" }
                }
            case "stages":
                sawStages = true
                steps = decodeStages(value)
            default:
                let text = key.scalarText ?? key.kindDescription
                diagnostics.append(
                    Diagnostic(
                        "unknown key `\(text)` in pipeline", at: key.location,
                        help: Suggestion.didYouMean(text, in: Self.topLevelKeys)
                            ?? "a pipeline has \(Self.topLevelKeys.map { "`\($0)`" }.joined(separator: ", "))"))
            }
        }
        if inputNode == nil {
            diagnostics.append(
                Diagnostic("missing `input:`", at: start, help: "add `input: {path: inbox}`, or pass --input"))
        }
        if !sawStages {
            diagnostics.append(
                Diagnostic(
                    "missing `stages:`", at: start, help: "list the stages to run, e.g. `stages: [clean, export]`"))
        }
        checkContracts(steps)

        guard let input else { return nil }
        if !stateSetsWindow, let reach = steps.compactMap(\.storyReachDays).max() {
            state?.windowDays = reach
        }
        let outputURL = URL(resolving: output, against: file.deletingLastPathComponent())
        let pipeline = Pipeline(
            name: name, file: file, input: input, outputDirectory: outputURL, steps: steps,
            state: state)
        if loader.checkInputExists, let inputNode {
            checkInputPath(pipeline, node: inputNode)
        }
        return pipeline
    }

    static func isSafeName(_ text: String) -> Bool {
        !text.isEmpty && text != "." && text != ".."
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }

    // MARK: Sections

    private mutating func decodeInput(_ node: ConfigNode) -> InputOptions? {
        decodeSection(node, key: "input", example: "input: {path: inbox}")
    }

    private mutating func decodeState(_ node: ConfigNode) -> StateOptions? {
        decodeSection(node, key: "state", example: "state: {path: state/daily.sqlite}")
    }

    /// A top-level section that is either a bare path or options with a `path`.
    private mutating func decodeSection<Section: PathSection>(_ node: ConfigNode, key: String, example: String)
        -> Section?
    {
        if let text = node.scalarText, !node.isNull, !text.isEmpty {
            let section = Section(path: text)
            do { try section.validate() } catch {
                diagnostics.append(
                    Diagnostic("`\(key)`: \(error.message)", at: error.location ?? node.location, help: error.help))
                return nil
            }
            return section
        }
        let (options, problems) = Section.decode(from: node, stage: key)
        diagnostics += problems.map { problem in
            var problem = problem
            problem.message = problem.message.replacingOccurrences(of: "for stage `\(key)`", with: "in `\(key)`")
                .replacingOccurrences(of: " of `\(key)`", with: " in `\(key)`")
            return problem
        }
        if problems.isEmpty, !options.namesSomething {
            let needs = Section.self == StateOptions.self ? "a `path` or a `url`" : "a `path`"
            diagnostics.append(Diagnostic("`\(key)` needs \(needs)", at: node.location, help: "e.g. `\(example)`"))
            return nil
        }
        return problems.isEmpty ? options : nil
    }

    private mutating func decodeStages(_ node: ConfigNode) -> [PipelineStep] {
        guard case let .sequence(entries) = node.value else {
            diagnostics.append(
                Diagnostic(
                    "`stages` must be a list, found \(node.kindDescription)", at: node.location,
                    help: "write each stage on its own line starting with `- `"))
            return []
        }
        if entries.isEmpty {
            diagnostics.append(Diagnostic("`stages` is empty", at: node.location, help: "list at least one stage"))
        }
        var steps: [PipelineStep] = []
        var outputs = OutputPaths(base: file.deletingLastPathComponent())
        for entry in entries {
            let nameNode: ConfigNode
            let optionsNode: ConfigNode?
            switch entry.value {
            case .scalar:
                nameNode = entry
                optionsNode = nil
            case let .mapping(pairs) where pairs.count == 1:
                nameNode = pairs[0].key
                optionsNode = pairs[0].value
            case let .mapping(pairs):
                let second = pairs.count > 1 ? pairs[1].key.location : entry.location
                diagnostics.append(
                    Diagnostic(
                        "a stage entry names one stage, found \(pairs.count) keys", at: second,
                        help:
                            "indent the options under the stage name: `- \(pairs.first?.key.scalarText ?? "stage"):` then its options"
                    ))
                continue
            case .sequence:
                diagnostics.append(
                    Diagnostic("a stage entry is `- name` or `- name: {options}`, found a list", at: entry.location))
                continue
            }
            guard let name = nameNode.scalarText, let stage = loader.registry.stage(named: name) else {
                let name = nameNode.scalarText ?? ""
                // Only the first problems are printed; a file of thousands of
                // unknown names need not pay for a suggestion each.
                let suggestion =
                    diagnostics.count < PipelineValidationError.maxReported
                    ? Suggestion.didYouMean(name, in: loader.registry.names) : nil
                diagnostics.append(
                    Diagnostic(
                        "unknown stage `\(name)`", at: nameNode.location,
                        help: suggestion ?? "run `pipe stages` to list the stages"))
                continue
            }
            let (step, problems) = stage.makeStep(options: optionsNode, location: nameNode.location)
            diagnostics += problems
            if let step {
                steps.append(step)
                if let path = step.outputPath {
                    let at = optionsNode.flatMap { pathNode(in: $0) }?.location ?? nameNode.location
                    if let problem = outputs.add(path, step: step.name, at: at) { diagnostics.append(problem) }
                }
            }
        }
        return steps
    }

    private mutating func checkContracts(_ steps: [PipelineStep]) {
        var available = DocumentField.fromReader
        for step in steps {
            let contract: StageContract = step.contract
            let missing: Set<DocumentField> = contract.requires.subtracting(available)
            if !missing.isEmpty {
                var producers: [String] = []
                for stage in loader.registry.stages {
                    let produced: Set<DocumentField> = stage.contract.produces
                    if !produced.isDisjoint(with: missing) { producers.append(stage.name) }
                }
                let fields = missing.sorted().map { "`\($0.name)`" }.joined(separator: ", ")
                let help =
                    producers.isEmpty
                    ? nil : "add " + producers.map { "`\($0)`" }.joined(separator: " or ") + " before it"
                diagnostics.append(
                    Diagnostic(
                        "stage `\(step.name)` needs \(fields), which no earlier stage produces", at: step.location,
                        help: help))
            }
            available.formUnion(contract.produces)
        }
    }

    private mutating func checkInputPath(_ pipeline: Pipeline, node: ConfigNode) {
        let path = pipeline.inputURL.path
        if InputPattern.isGlob(pipeline.input.path) || pipeline.input.path.isEmpty { return }
        if !FileManager.default.fileExists(atPath: path) {
            let at = node.scalarText != nil ? node.location : (pathNode(in: node)?.location ?? node.location)
            diagnostics.append(
                Diagnostic(
                    "input path `\(pipeline.input.path)` does not exist", at: at,
                    help:
                        "relative paths start at the pipeline file's folder: \(PipelineLoader.displayPath(pipeline.inputURL))"
                ))
        }
    }

    private func pathNode(in node: ConfigNode) -> ConfigNode? {
        guard case let .mapping(pairs) = node.value else { return nil }
        return pairs.first { $0.key.scalarText == "path" }?.value
    }

    // MARK: Interpolation

    private mutating func interpolate(_ node: ConfigNode) -> ConfigNode {
        switch node.value {
        case let .scalar(text, quoted):
            switch Interpolation.expand(text, environment: loader.environment) {
            case let .success(expanded):
                return ConfigNode(.scalar(expanded, quoted: quoted), at: node.location)
            case let .failure(problem):
                diagnostics.append(
                    Diagnostic(
                        problem.message, at: node.location.advanced(by: problem.offset + (quoted ? 1 : 0)),
                        help: problem.help))
                return node
            }
        case let .sequence(items):
            return ConfigNode(.sequence(items.map { interpolate($0) }), at: node.location)
        case let .mapping(pairs):
            return ConfigNode(.mapping(pairs.map { ($0.key, interpolate($0.value)) }), at: node.location)
        }
    }
}

extension String {
    /// Decodes UTF-8, returning nil on any invalid sequence.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        self = text
    }
}
