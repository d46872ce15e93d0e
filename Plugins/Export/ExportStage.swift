import Foundation
import PipelineKit

/// Writes the digest to a file in one format. Repeat the stage for several formats.
public struct ExportStage: BatchStage {
    public static let name = "export"
    public static let abstract = "Writes the digest as Markdown, JSON or JSONL; atomic writes."
    public static let discussion = """
        Each export entry writes one file. `path` may use {date} (the run date), {name} (the pipeline's name) \
        and {format}; relative paths start at the pipeline file's folder, folders are created, and the file \
        is replaced atomically (temporary file, then rename). A placeholder can never take the path outside \
        the folder written before it. `--output DIR` sends the file into DIR under its own name.
        """

    public enum Format: String, OptionEnum {
        case markdown
        case json
        case jsonl

        var fileExtension: String { self == .markdown ? "md" : rawValue }
    }

    public struct Options: StageOptions {
        public var format = Format.jsonl
        public var path: String?
        public var pretty = true

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init("format", \.format, help: "The file format."),
            .init("path", \.path, help: "Where to write; default `out/{name}-{date}.<extension of the format>`.",
                  check: { path in
                      guard let path else { return nil }
                      if path.isEmpty { return "the path is empty" }
                      if path.hasSuffix("/") { return "the path names a folder; add a file name" }
                      return nil
                  }),
            .init("pretty", \.pretty, help: "Indent `json` output for people; `jsonl` is always one line per document."),
        ]
    }

    let options: Options

    public init(options: Options, context: StageSetup) {
        self.options = options
    }

    /// The path template actually used.
    var pathTemplate: String {
        options.path ?? "out/{name}-{date}.\(options.format.fileExtension)"
    }

    public func process(_ batch: inout Batch, context: StageContext) async throws {
        let url = try OutputFile.resolve(pathTemplate, format: options.format.rawValue, context: context)
        let digest = Digest(batch: batch, pipeline: context.pipelineName, date: context.runDate)
        try OutputFile.write(render(digest), to: url)
        context.outputs.record(url)
    }

    /// The file's contents for `digest`.
    func render(_ digest: Digest) -> String {
        switch options.format {
        case .jsonl: return digest.documents.map { ContractJSON.document($0).compact + "\n" }.joined()
        case .json:
            let value = ContractJSON.digest(digest)
            return (options.pretty ? value.pretty : value.compact) + "\n"
        case .markdown: return MarkdownDigest(digest: digest).render()
        }
    }
}
