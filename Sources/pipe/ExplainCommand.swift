import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what the last runs did with a document: stages, fields set, story or reason dropped.",
        discussion: """
            Reads the pipeline's state store (the `state:` section), so the pipeline must have one and \
            have run. DOCUMENT is a document id or its source path as the run report and rejects file show it.
            """)

    @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Argument(help: "A document id or source path.")
    var document: String

    @Option(help: "Show at most this many runs, newest first.")
    var runs = 3

    func run() async throws {
        let pipeline = try loadPipeline(file, checkInput: false)
        guard pipeline.state?.namesSomething == true else {
            Terminal.error(
                "\(Terminal.red("error:")) \(file) has no state store; `pipe explain` reads what runs recorded there\n"
                    + "  help: add `state: {path: state/\(pipeline.name).sqlite}` to the pipeline and run it")
            throw ExitCode(2)
        }
        if let url = pipeline.stateURL, !FileManager.default.fileExists(atPath: url.path) {
            Terminal.error(
                "\(Terminal.red("error:")) no state store at \(PipelineLoader.displayPath(url)) yet: run the pipeline first"
            )
            throw ExitCode(1)
        }
        let records: [LineageRecord]
        do {
            // A reader: it takes no run lock, so it works while a run goes on.
            guard let opened = try await StateStoreOpening.open(pipeline, lock: .none) else { throw ExitCode(2) }
            do {
                records = try await opened.store.lineage(of: document, pipeline: pipeline.name)
            } catch {
                await opened.close()
                throw error
            }
            await opened.close()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("\(Terminal.red("error:")) \(Terminal.safe("\(error)"))")
            throw ExitCode(1)
        }
        guard !records.isEmpty else {
            Terminal.error(
                "\(Terminal.red("error:")) no run of `\(pipeline.name)` recorded a document with id or source `\(Terminal.safe(document))`"
            )
            throw ExitCode(1)
        }
        print(records.prefix(max(1, runs)).map(Self.describe).joined(separator: "\n"), terminator: "")
    }

    static func describe(_ record: LineageRecord) -> String {
        var out =
            Terminal.bold(Terminal.safe("\(record.date) · \(record.id)"))
            + Terminal.safe(record.source == record.id ? "" : " (\(record.source))") + "\n"
        if let reject = record.reject {
            out += Terminal.safe("  \(reject.kind.rawValue) by `\(reject.stage)`: \(reject.reason)") + "\n"
            return out
        }
        guard let document = record.document else { return out }
        let stages = document.trace.map { entry in
            entry.duration > .zero ? "\(entry.stage) (\(format(entry.duration)))" : entry.stage
        }
        out += Terminal.safe("  stages: \(stages.joined(separator: " → "))") + "\n"
        if let story = record.story {
            out += Terminal.safe("  story: \(story)" + (record.storyHeadline.map { " — \($0)" } ?? "")) + "\n"
        } else {
            out += "  story: none (a single article)\n"
        }
        for (name, value) in fields(of: document) {
            out += Terminal.safe("  \(name): \(value)") + "\n"
        }
        return out
    }

    /// The fields the stages set, briefly.
    static func fields(of document: Document) -> [(String, String)] {
        var fields: [(String, String)] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append((name, value)) }
        }
        add("title", document.title)
        add("author", document.author)
        add("published", document.published.map(Timestamp.iso8601))
        add("site", document.site)
        add("url", document.url)
        add("language", document.language)
        if !document.text.isEmpty {
            add("text", "\(document.text.count) paragraphs, \(document.joinedText.count) characters")
        }
        if !document.entities.isEmpty {
            let top = document.entities.prefix(6).map { "\($0.text) (\($0.type.rawValue))" }
            add(
                "entities",
                "\(document.entities.count): " + top.joined(separator: ", ")
                    + (document.entities.count > 6 ? ", …" : ""))
        }
        if !document.keywords.isEmpty {
            add("keywords", document.keywords.prefix(8).map(\.term).joined(separator: ", "))
        }
        add("summary", document.summary.map { $0.count > 160 ? String($0.prefix(157)) + "…" : $0 })
        for (key, value) in document.attributes.sorted(by: { $0.key < $1.key }) {
            let text = value.compact
            add("attributes.\(key)", text.count > 120 ? String(text.prefix(117)) + "…" : text)
        }
        return fields
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.1f ms", milliseconds)
    }
}
