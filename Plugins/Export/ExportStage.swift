import Foundation
import PipelineKit
import TextKit

/// Writes the digest to a file in one format. Repeat the stage for several formats.
public struct ExportStage: BatchStage {
    public static let name = "export"
    public static let abstract = "Writes the digest as Markdown, HTML, JSON, JSONL, CSV, SQLite or Atom; atomic writes."
    public static let discussion = """
        Each export entry writes one file. `path` may use {date} (the run date), {name} (the pipeline's name) \
        and {format}; relative paths start at the pipeline file's folder, folders are created, and the file \
        is replaced atomically (temporary file, then rename). A placeholder can never take the path outside \
        the folder written before it. `--output DIR` sends the file into DIR under its own name. \
        An unwritable path fails that export only; the other exports still write. Only a regular file is \
        replaced: a device, FIFO, socket or symbolic link at the path fails that export. Files written by \
        rename land together when every stage has finished; sqlite and atom files are locked against \
        another run for the run's length (`pipe run --wait`). \
        html: one self-contained page (inline CSS, light and dark, phone and laptop). markdown: the same \
        structure as text. csv: RFC 4180, one row per document or per entity mention. sqlite: tables runs, \
        stories, documents, entities, keywords; later runs upsert into the same file by id (default path has \
        no date). atom: an RFC 4287 feed of the stories, one entry per story id (default path has no date, \
        so readers can subscribe). Options that belong to one format are refused with another.
        """

    /// The file formats.
    public enum Format: String, OptionEnum {
        case markdown
        case json
        case jsonl
        case html
        case csv
        case sqlite
        case atom

        var fileExtension: String { self == .markdown ? "md" : rawValue }

        /// Formats whose file later runs update (their default path has no date): one run at a time writes them.
        var updatedByLaterRuns: Bool { self == .sqlite || self == .atom }

        /// Where the file goes when `path` is not given. Formats that collect
        /// runs (sqlite) or are subscribed to (atom) keep one file.
        var defaultPath: String {
            switch self {
            case .sqlite, .atom: "out/{name}.\(fileExtension)"
            default: "out/{name}-{date}.\(fileExtension)"
            }
        }
    }

    /// What one row of a `csv` file stands for.
    public enum CSVRows: String, OptionEnum {
        case documents
        case mentions
    }

    public struct Options: StageOptions {
        public var format = Format.jsonl
        public var path: String?
        public var pretty = true
        public var title: String?
        public var chips = 6
        public var csvRows = CSVRows.documents
        public var csvTop = 5
        public var feedURL: String?

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init("format", \.format, help: "The file format."),
            .init(
                "path", \.path,
                help:
                    "Where to write; default `out/{name}-{date}.<extension>`, or `out/{name}.sqlite` and `out/{name}.atom`, which later runs update.",
                check: { path in
                    guard let path else { return nil }
                    if let problem = OutputFile.problem(withTemplate: path) { return problem }
                    // A fixed absolute path can be checked now; others are checked when written.
                    if path.hasPrefix("/"), !path.contains("{") {
                        do throws(OutputFile.Failure) {
                            try OutputFile.checkReplaceable(URL(fileURLWithPath: path))
                        } catch { return error.reason }
                    }
                    return nil
                }),
            .init("pretty", \.pretty, help: "json: indent for people; `jsonl` is always one line per document."),
            .init("title", \.title, help: "html, markdown, atom: the digest's title; default the pipeline's name."),
            .init(
                "chips", \.chips, range: 1...50,
                help: "html, markdown: how many people, organisations and places (each) a story or article shows."),
            .init("csv_rows", \.csvRows, help: "csv: one row per document, or one per entity mention in a document."),
            .init(
                "csv_top", \.csvTop, range: 1...100, help: "csv: how many entities and keywords a document row lists."),
            .init(
                "feed_url", \.feedURL,
                help:
                    "atom: the address the feed is published at; its `self` link and id (default id: a tag URI from the pipeline's name).",
                check: { url in
                    guard let url else { return nil }
                    return url.hasPrefix("http://") || url.hasPrefix("https://") ? nil : "expected an http(s) address"
                }),
        ]

        /// Options that only one or a few formats read, with a test for "set to something else than the default".
        static let formatSpecific: [(name: String, formats: [Format], isSet: @Sendable (Options) -> Bool)] = [
            ("pretty", [.json], { $0.pretty != Options().pretty }),
            ("title", [.html, .markdown, .atom], { $0.title != nil }),
            ("chips", [.html, .markdown], { $0.chips != Options().chips }),
            ("csv_rows", [.csv], { $0.csvRows != Options().csvRows }),
            ("csv_top", [.csv], { $0.csvTop != Options().csvTop }),
            ("feed_url", [.atom], { $0.feedURL != nil }),
        ]

        /// The file written, `{format}` filled in: two entries writing one file are refused.
        public var outputPath: String? {
            (path ?? format.defaultPath).replacingOccurrences(of: "{format}", with: format.rawValue)
        }

        public func validate() throws(OptionError) {
            for option in Self.formatSpecific where option.isSet(self) && !option.formats.contains(format) {
                let formats = option.formats.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                throw OptionError("`\(option.name)` applies to \(formats) only, not to `\(format.rawValue)`")
            }
        }
    }

    let options: Options

    public init(options: Options, context: StageSetup) {
        self.options = options
    }

    /// The path template actually used.
    var pathTemplate: String {
        options.path ?? options.format.defaultPath
    }

    public func process(_ batch: inout Batch, context: StageContext) async throws {
        let url = try OutputFile.resolve(pathTemplate, format: options.format.rawValue, context: context)
        let digest = Digest(batch: batch, pipeline: context.pipelineName, date: context.runDate)
        let writer = writer(for: digest)
        if options.format.updatedByLaterRuns {
            // One run at a time per file that later runs update.
            try context.updatingInPlace(url) { try writer.write(to: url, context: context) }
        } else {
            try writer.write(to: url, context: context)
        }
    }

    /// The writer of this entry's format for `digest`.
    func writer(for digest: Digest) -> any DigestWriter {
        switch options.format {
        case .markdown: MarkdownDigest(view: view(digest))
        case .html: HTMLDigest(view: view(digest))
        case .json: ContractJSONDigest(digest: digest, pretty: options.pretty)
        case .jsonl: JSONLinesDigest(digest: digest)
        case .csv: CSVDigest(digest: digest, rows: options.csvRows, top: options.csvTop)
        case .atom: AtomFeed(digest: digest, view: view(digest), feedURL: options.feedURL)
        case .sqlite: SQLiteDigest(digest: digest)
        }
    }

    /// The file's text for `digest`; nil for `sqlite`, a database rather than a text.
    func render(_ digest: Digest) -> String? {
        (writer(for: digest) as? any RenderedDigest)?.render()
    }

    private func view(_ digest: Digest) -> DigestView {
        DigestView(digest: digest, title: options.title, chips: options.chips)
    }
}
