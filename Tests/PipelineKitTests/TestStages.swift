import Foundation
import PipelineKit
import PipelineRuntime
import Synchronization

/// Stages made for the framework's tests.
enum TestStages {
    static let registry = StageRegistry([
        Upcase.self, FailOn.self, Collect.self, NeedsStory.self, Explode.self, JobsProbe.self,
        BatchDump.self,
    ])

    static func loader(environment: [String: String] = [:], checkInput: Bool = true) -> PipelineLoader {
        PipelineLoader(registry: registry, environment: environment, checkInputExists: checkInput)
    }
}

/// Upper-cases the raw text into `text`.
struct Upcase: DocumentStage {
    static let name = "upcase"
    static let abstract = "Upper-cases raw text into paragraphs."
    static let contract = StageContract(requires: [.raw], produces: [.text])

    enum Mode: String, OptionEnum {
        case all, first
    }

    struct Options: StageOptions {
        var times = 1
        var mode = Mode.all
        var label: String?
        var ratio = 0.5
        var tags: [String] = []
        var loud = false
        init() {}
        static let declarations: [OptionDeclaration<Options>] = [
            .init("times", \.times, range: 1...10, help: "How often."),
            .init("mode", \.mode, help: "Which paragraphs."),
            .init("label", \.label, help: "A label."),
            .init("ratio", \.ratio, range: 0.0...1.0, help: "A ratio."),
            .init("tags", \.tags, help: "Tags."),
            .init("loud", \.loud, help: "Shout.", implemented: false),
        ]
    }

    let options: Options
    init(options: Options, context: StageSetup) { self.options = options }

    func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        document.text = (document.raw ?? "").components(separatedBy: "\n\n").map { $0.uppercased() }
        return .keep
    }
}

/// Throws on documents whose raw text contains `needle`, drops those containing "DROP".
struct FailOn: DocumentStage {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom: cannot handle this one" }
    }

    static let name = "fail-on"
    static let abstract = "Fails on marked documents."

    struct Options: StageOptions {
        var needle = "FAIL"
        init() {}
        static let declarations: [OptionDeclaration<Options>] = [.init("needle", \.needle, help: "Marker.")]
    }

    let options: Options
    init(options: Options, context: StageSetup) { self.options = options }

    func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        let raw = document.raw ?? ""
        if raw.contains(options.needle) { throw Boom() }
        if raw.contains("DROP") { return .drop(reason: "asked to be dropped") }
        return .keep
    }
}

/// Records the ids it saw into the batch's stories (one story with every document).
struct Collect: BatchStage {
    static let name = "collect"
    static let abstract = "Puts every document into one story."
    static let contract = StageContract(produces: [.story])
    init(options: NoOptions, context: StageSetup) {}

    func process(_ batch: inout Batch, context: StageContext) async throws {
        let ids = batch.documents.map(\.id)
        batch.stories = [Story(id: "all", members: ids)]
        for index in batch.documents.indices { batch.documents[index].story = "all" }
    }
}

/// Needs `story`; fails as a whole.
struct NeedsStory: BatchStage {
    static let name = "needs-story"
    static let abstract = "Requires stories."
    static let contract = StageContract(requires: [.story])
    init(options: NoOptions, context: StageSetup) {}
    func process(_ batch: inout Batch, context: StageContext) async throws {}
}

/// Records the thread count its context offers batch work.
struct JobsProbe: BatchStage {
    static let seen = Mutex<[Int]>([])
    static let name = "jobs-probe"
    static let abstract = "Records StageContext.jobs."
    init(options: NoOptions, context: StageSetup) {}
    func process(_ batch: inout Batch, context: StageContext) async throws {
        Self.seen.withLock { $0.append(context.jobs) }
    }
}

/// Writes the batch as it reaches it (each document's id, text, story and trace stages, in
/// order) to `batch.txt` in the output folder, through the context like an export.
struct BatchDump: BatchStage {
    static let name = "batch-dump"
    static let abstract = "Writes the batch to batch.txt."
    init(options: NoOptions, context: StageSetup) {}
    func process(_ batch: inout Batch, context: StageContext) async throws {
        var text = ""
        for document in batch.documents {
            text +=
                "\(document.id)\t\(document.text.joined(separator: "|"))\t\(document.story ?? "-")\t"
                + document.trace.map(\.stage).joined(separator: ",") + "\n"
        }
        for story in batch.stories { text += "story \(story.id): \(story.members.joined(separator: ","))\n" }
        try context.writeOutput(text, to: context.outputDirectory.appendingPathComponent("batch.txt"))
    }
}

/// A batch stage that always throws.
struct Explode: BatchStage {
    struct Failure: Error, CustomStringConvertible { var description: String { "exploded on purpose" } }
    static let name = "explode"
    static let abstract = "Always fails."
    init(options: NoOptions, context: StageSetup) {}
    func process(_ batch: inout Batch, context: StageContext) async throws {
        batch.documents.removeAll()
        throw Failure()
    }
}

/// A fresh temporary folder, removed when the returned value is dropped... by the OS; tests keep them small.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("pipe-tests-\(name.filter { $0.isLetter })-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension URL {
    /// What the input reader makes of `path` under this folder, with `maxMB` as `input.max_file_mb`.
    func readInput(_ path: String = ".", maxMB: Int = 20) -> InputReader.Result {
        var options = InputOptions(path: path)
        options.maxFileMB = maxMB
        return InputReader(options: options).read(path: path, base: self, jobs: 2)
    }

    /// Writes `text` to `name` inside this folder, creating subfolders.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }
}
