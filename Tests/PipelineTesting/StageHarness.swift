import Foundation
import PipelineKit
import PipelineRuntime

/// Runs one stage on hand-made documents, without a pipeline file: the test
/// harness for stage authors.
///
/// ```swift
/// let harness = try StageHarness(CleanStage.self, yaml: "min_text_length: 10")
/// let (document, verdict) = try harness.process(Document(id: "a", source: "a.txt", raw: page))
/// ```
public struct StageHarness<S: Stage> {
    public let stage: S
    public let context: StageContext

    /// Creates the stage with `options` (decoded exactly as a pipeline file's
    /// would be: unknown keys and bad values throw), in a context whose folders
    /// are `directory` (a fresh temporary folder by default).
    public init(_ type: S.Type, options: [String: String] = [:], directory: URL? = nil, date: String = "2026-11-20")
        throws
    {
        let here = SourceLocation(file: "<test>", line: 1, column: 1)
        let node = ConfigNode(
            .mapping(
                options.sorted { $0.key < $1.key }.map { (ConfigNode.scalar($0.key), ConfigNode.scalar($0.value)) }),
            at: here)
        try self.init(type, node: node, directory: directory, date: date)
    }

    /// Creates the stage with options written as in a pipeline file, under the
    /// stage's name (`"sentences: 2\nmin_words: 5"`, or flow style
    /// `"{sentences: 2}"`); lists and nested values work as they do there.
    public init(_ type: S.Type, yaml: String, directory: URL? = nil, date: String = "2026-11-20") throws {
        let node = try ConfigNode.parse(yaml: yaml, file: "<\(S.name) options>")
        try self.init(type, node: node, directory: directory, date: date)
    }

    private init(_ type: S.Type, node: ConfigNode?, directory: URL?, date: String) throws {
        let folder =
            directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("pipe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (decoded, problems) = S.Options.decode(from: node, stage: S.name)
        if !problems.isEmpty { throw PipelineValidationError(diagnostics: problems, source: nil) }
        self.stage = try S(options: decoded, context: StageSetup(baseDirectory: folder))
        self.context = StageContext(pipelineName: "test", runDate: date, baseDirectory: folder, outputDirectory: folder)
    }

    /// The folder relative paths resolve from.
    public var directory: URL { context.baseDirectory }
}

extension StageHarness where S: DocumentStage {
    /// Runs the stage on one document.
    public func process(_ document: Document) throws -> (document: Document, verdict: Verdict) {
        var document = document
        let verdict = try stage.process(&document, context: context)
        return (document, verdict)
    }
}

extension StageHarness where S: BatchStage {
    /// Runs the stage on a batch.
    public func process(_ batch: Batch) async throws -> Batch {
        var batch = batch
        try await stage.process(&batch, context: context)
        return batch
    }
}

extension Document {
    /// A document as a reader would make it from a text file.
    public static func text(
        _ id: String, _ text: String, title: String? = nil, site: String? = nil,
        published: String? = nil
    ) -> Document {
        Document(
            id: id, source: id, raw: text, mediaType: .text, title: title,
            published: published.flatMap(Timestamp.parse), site: site,
            text: text.components(separatedBy: "\n\n").filter { !$0.isEmpty })
    }
}
