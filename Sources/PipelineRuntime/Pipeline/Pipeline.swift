import Foundation
import PipelineKit

/// A validated pipeline file: where input comes from and the stages in order.
public struct Pipeline: Sendable {
    /// The pipeline's `name` (defaults to the file name without extension).
    public var name: String
    /// The pipeline file.
    public var file: URL
    /// The file's folder; relative paths resolve from here.
    public var baseDirectory: URL
    public var input: InputOptions
    /// The folder for run reports and rejects, resolved.
    public var outputDirectory: URL
    public var steps: [PipelineStep]
    /// The `state:` section, when the pipeline remembers runs.
    public var state: StateOptions?

    public init(
        name: String, file: URL, input: InputOptions, outputDirectory: URL, steps: [PipelineStep],
        state: StateOptions? = nil
    ) {
        self.name = name
        self.file = file
        self.baseDirectory = file.deletingLastPathComponent()
        self.input = input
        self.outputDirectory = outputDirectory
        self.steps = steps
        self.state = state
    }

    /// The state store's file resolved against the pipeline's folder (nil too for a PostgreSQL store).
    public var stateURL: URL? {
        guard let path = state?.path, !path.isEmpty else { return nil }
        return URL(resolving: path, against: baseDirectory)
    }

    /// The input path resolved against the pipeline's folder.
    public var inputURL: URL {
        URL(resolving: input.path, against: baseDirectory)
    }
}

/// One stage entry of a pipeline, options decoded and checked.
public struct PipelineStep: Sendable {
    public let stageType: any Stage.Type
    /// Where the entry is written.
    public let location: SourceLocation
    /// The decoded options as canonical JSON (``StageOptions/canonicalJSON``):
    /// part of the fingerprint that decides whether a checkpoint from an
    /// earlier process is still valid.
    public let optionsJSON: String
    /// The file the step writes, as its options give it (see ``StageOptions/outputPath``).
    public let outputPath: String?
    /// How long after a story's last article the step can still join a new one to it
    /// (``StoryReach``), or nil for a step that does not form stories across days.
    public let storyReachDays: Int?
    private let factory: @Sendable (StageSetup) throws -> StageInstance

    public init<S: Stage>(_ stage: S.Type, options: S.Options, location: SourceLocation) {
        self.stageType = stage
        self.location = location
        self.optionsJSON = options.canonicalJSON
        self.outputPath = options.outputPath
        self.storyReachDays = (options as? any StoryReach)?.storyReachDays
        self.factory = { setup in StageInstance(try S(options: options, context: setup)) }
    }

    public var name: String { stageType.name }
    public var contract: StageContract { stageType.contract }

    /// Creates the stage for a run.
    public func instantiate(_ setup: StageSetup) throws -> StageInstance {
        try factory(setup)
    }
}

/// A created stage, in one of its two shapes.
public enum StageInstance: Sendable {
    case document(any DocumentStage)
    case batch(any BatchStage)

    init(_ stage: some Stage) {
        // `Stage.shape` comes only from the two protocols, so one of the casts succeeds.
        switch type(of: stage).shape.kind {
        case .document: self = .document(stage as! any DocumentStage)
        case .batch: self = .batch(stage as! any BatchStage)
        }
    }
}

/// The `input:` section of a pipeline file.
public struct InputOptions: StageOptions {
    public var path = ""
    public var maxFileMB = 20
    public var includeHidden = false
    public var followLinks = false
    /// Feeds, sitemaps and pages fetched from the web (beside or instead of `path`).
    public var web = WebInputOptions()

    public init() {}

    public init(path: String) {
        self.path = path
    }

    public static let declarations: [OptionDeclaration<InputOptions>] =
        [
            .init(
                "path", \.path,
                help:
                    "A file, a folder (read recursively) or a glob; relative to the pipeline file. Reads .html .htm .txt .md .json .jsonl .xml .warc, each optionally gzipped (.gz)."
            ),
            .init(
                "max_file_mb", \.maxFileMB, range: 1...4096,
                help:
                    "Files larger than this, or decompressing to more, are set aside unread; for a WARC file it limits each record, not the file."
            ),
            .init("include_hidden", \.includeHidden, help: "Also read files and folders whose names start with a dot."),
            .init(
                "follow_links", \.followLinks,
                help:
                    "Also follow symbolic links that lead outside the input folder; off, they are set aside with a reason."
            ),
        ] + webDeclarations

    public var maxFileBytes: Int { maxFileMB * 1_048_576 }
}

extension Stage {
    /// Decodes this stage's options from its pipeline entry and makes the step.
    static func makeStep(options node: ConfigNode?, location: SourceLocation) -> (PipelineStep?, [Diagnostic]) {
        let (options, diagnostics) = Options.decode(from: node, stage: name)
        return diagnostics.isEmpty
            ? (PipelineStep(Self.self, options: options, location: location), []) : (nil, diagnostics)
    }
}
