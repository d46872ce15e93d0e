import Foundation
import PipelineKit

/// Runs a ``PipelineTestFile``: each test's fixture documents through the
/// pipeline's stages, in memory, then its expectations.
public struct PipelineTestRunner: Sendable {
    public var registry: StageRegistry
    public var environment: [String: String]

    public init(registry: StageRegistry, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.registry = registry
        self.environment = environment
    }

    /// The outcome of one test.
    public struct Result: Sendable {
        public var name: String
        public var location: SourceLocation
        /// One line per failed expectation, each starting with its position.
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    public func run(_ file: PipelineTestFile) async -> [Result] {
        var results: [Result] = []
        for test in file.tests {
            results.append(await run(test, in: file))
        }
        return results
    }

    func run(_ test: PipelineTestCase, in file: PipelineTestFile) async -> Result {
        var result = Result(name: test.name, location: test.location, failures: [])
        let env = environment.merging(file.environment) { $1 }.merging(test.environment) { $1 }
        let pipeline: Pipeline
        do {
            pipeline = try PipelineLoader(registry: registry, environment: env, checkInputExists: false).load(
                file: file.pipeline)
        } catch {
            result.failures = error.diagnostics.map { $0.description }
            return result
        }
        guard let range = stageRange(pipeline, file) else {
            result.failures = [
                "\(file.pipelineLocation): the `stages` range does not match the pipeline's stages (\(pipeline.steps.map(\.name).joined(separator: ", ")))"
            ]
            return result
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let context = StageContext(
            pipelineName: pipeline.name, runDate: file.date, baseDirectory: pipeline.baseDirectory,
            outputDirectory: scratch, outputOverride: scratch)
        let outcome: StageSequence.Outcome
        do {
            let stages = try StageSequence(
                steps: pipeline.steps[range], setup: StageSetup(baseDirectory: pipeline.baseDirectory))
            outcome = await stages.run(
                Batch(documents: test.documents.sorted { $0.id < $1.id }), context: context, jobs: 2)
        } catch {
            result.failures = ["\(test.location): \(error)"]
            return result
        }
        for stage in outcome.stats where stage.error != nil {
            result.failures.append("\(test.location): stage `\(stage.name)` failed: \(stage.error ?? "")")
        }
        let documents = Dictionary(outcome.batch.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rejects = Dictionary(outcome.rejects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for expectation in test.expectations {
            if let failure = check(expectation, documents: documents, rejects: rejects) {
                result.failures.append("\(expectation.location): \(failure)")
            }
        }
        return result
    }

    private func stageRange(_ pipeline: Pipeline, _ file: PipelineTestFile) -> Range<Int>? {
        func index(_ selector: PipelineTestFile.StageSelector?, default value: Int) -> Int? {
            switch selector {
            case nil: return value
            case let .position(position): return (1...pipeline.steps.count).contains(position) ? position - 1 : nil
            case let .name(name): return pipeline.steps.firstIndex { $0.name == name }
            }
        }
        guard !pipeline.steps.isEmpty, let from = index(file.from, default: 0),
            let to = index(file.to, default: pipeline.steps.count - 1), from <= to
        else { return nil }
        return from..<(to + 1)
    }

    /// Nil when the expectation holds, else what went wrong.
    func check(_ expectation: PipelineExpectation, documents: [String: Document], rejects: [String: Reject]) -> String?
    {
        func missing(_ id: String) -> String {
            if let reject = rejects[id] {
                return "document `\(id)` was set aside by `\(reject.stage)`: \(reject.reason)"
            }
            return "no document `\(id)` in the output"
        }
        switch expectation.check {
        case let .kept(id):
            return documents[id] == nil ? missing(id) : nil
        case let .dropped(id, reason):
            guard let reject = rejects[id] else {
                return documents[id] != nil
                    ? "expected `\(id)` to be set aside, but it was kept" : "no document `\(id)`"
            }
            return reason.isEmpty || reject.reason.contains(reason)
                ? nil : "`\(id)` was set aside for \"\(reject.reason)\", not \"\(reason)\""
        case let .sameStory(ids):
            var stories: [String: String] = [:]
            for id in ids {
                guard let document = documents[id] else { return missing(id) }
                stories[id] = document.story ?? "none"
            }
            if Set(stories.values).count == 1, stories.values.first != "none" { return nil }
            return "expected one story; got " + ids.map { "\($0) → \(stories[$0] ?? "none")" }.joined(separator: ", ")
        case let .differentStories(ids):
            var seen: [String: String] = [:]
            for id in ids {
                guard let document = documents[id] else { return missing(id) }
                guard let story = document.story else { continue }
                if let other = seen[story] { return "`\(other)` and `\(id)` share story \(story)" }
                seen[story] = id
            }
            return nil
        case let .field(id, field, comparison):
            guard let document = documents[id] else { return missing(id) }
            guard let values = Self.values(of: field, in: document) else {
                return
                    "unknown field `\(field)`; use \(Self.fieldNames.joined(separator: ", ")), entities.<type> or attributes.<name>"
            }
            return compare(values, comparison, field: field, id: id)
        }
    }

    static let fieldNames = [
        "id", "source", "url", "title", "author", "published", "site", "language", "text",
        "summary", "story", "entities", "keywords",
    ]

    /// A field as strings: one for scalar fields, one per element for lists.
    static func values(of field: String, in document: Document) -> [String]? {
        switch field {
        case "id": return [document.id]
        case "source": return [document.source]
        case "url": return document.url.map { [$0] } ?? []
        case "title": return document.title.map { [$0] } ?? []
        case "author": return document.author.map { [$0] } ?? []
        case "published": return document.published.map { [Timestamp.iso8601($0)] } ?? []
        case "site": return document.site.map { [$0] } ?? []
        case "language": return document.language.map { [$0] } ?? []
        case "text": return document.text.isEmpty ? [] : [document.joinedText]
        case "summary": return document.summary.map { [$0] } ?? []
        case "story": return document.story.map { [$0] } ?? []
        case "entities": return document.entities.map(\.text)
        case "keywords": return document.keywords.map(\.term)
        default:
            if field.hasPrefix("entities."), let kind = Entity.Kind(rawValue: String(field.dropFirst(9))) {
                return document.entities.filter { $0.type == kind }.map(\.text)
            }
            if field.hasPrefix("attributes.") {
                guard let value = document.attributes[String(field.dropFirst(11))] else { return [] }
                if case let .array(items) = value { return items.map { $0.stringValue ?? $0.compact } }
                return [value.stringValue ?? value.compact]
            }
            return nil
        }
    }

    private func compare(_ values: [String], _ comparison: PipelineExpectation.Comparison, field: String, id: String)
        -> String?
    {
        let shown =
            values.count == 1
            ? "\"\(values[0].prefix(200))\"" : "[\(values.prefix(12).map { "\"\($0)\"" }.joined(separator: ", "))]"
        switch comparison {
        case let .equals(expected):
            return values == [expected] ? nil : "\(id).\(field) is \(shown), expected \"\(expected)\""
        case let .contains(expected):
            let found = values.count == 1 && !isList(field) ? values[0].contains(expected) : values.contains(expected)
            return found ? nil : "\(id).\(field) does not contain \"\(expected)\"; it is \(shown)"
        case let .notContains(unwanted):
            let found = values.count == 1 && !isList(field) ? values[0].contains(unwanted) : values.contains(unwanted)
            return found ? "\(id).\(field) contains \"\(unwanted)\"" : nil
        case let .matches(pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "bad pattern" }
            for value in values {
                switch BoundedMatch.search(regex, in: value) {
                case .match: return nil
                case .noMatch: continue
                case .timedOut:
                    return
                        "\(id).\(field): /\(pattern)/ took more than \(BoundedMatch.timeLimitSeconds) s to match and was abandoned; "
                        + "simplify the pattern (nested repetition such as (a+)+ can backtrack without end)"
                }
            }
            return "\(id).\(field) does not match /\(pattern)/; it is \(shown)"
        case let .empty(expected):
            return values.isEmpty == expected
                ? nil
                : "\(id).\(field) is \(values.isEmpty ? "empty" : shown), expected \(expected ? "empty" : "a value")"
        }
    }

    private func isList(_ field: String) -> Bool {
        field == "entities" || field == "keywords" || field.hasPrefix("entities.")
    }
}
