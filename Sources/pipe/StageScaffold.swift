import ArgumentParser
import Foundation

/// The source files `pipe new-stage` writes, and its edits to the registration lists.
struct StageScaffold {
    let name: String
    let target: String
    let batch: Bool

    /// Inserts `line` as the last entry of the list that starts on the line
    /// containing `marker` and ends at the first following line equal to `end`.
    static func insert(
        _ line: String, into text: String, afterLineContaining marker: String, beforeLine end: String,
        file: String
    ) throws -> String {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.contains(marker) }),
            let close = lines[start...].firstIndex(where: { $0 == end })
        else {
            Terminal.error("error: cannot find the list `\(marker)` … `\(end)` in \(file); add the stage by hand")
            throw ExitCode(1)
        }
        lines.insert(String(line.dropLast()), at: close)
        return lines.joined(separator: "\n")
    }

    var typeName: String { "\(target)Stage" }

    var stageSource: String {
        batch ? batchStageSource : documentStageSource
    }

    private var documentStageSource: String {
        """
        import PipelineKit

        /// Drops documents whose clean text has fewer than `min_words` words.
        ///
        /// Created by `pipe new-stage \(name)`: replace the body of `process` with what your stage does,
        /// declare its options in `Options.declarations`, and say which document fields it reads and
        /// writes in `contract` (`pipe validate` checks pipelines against it).
        public struct \(typeName): DocumentStage {
            public static let name = "\(name)"
            public static let abstract = "Drops documents with fewer than `min_words` words."
            public static let discussion = \"""
                A per-document stage: the runner calls `process` on all cores at once, so keep state \\
                immutable after `init`. Throwing sets the one document aside as failed; the run goes on.
                \"""
            public static let contract = StageContract(requires: [.text])

            /// The stage's options. Each is declared once: that declaration drives YAML decoding,
            /// errors, `pipe stages \(name)` and `pipe schema`.
            public struct Options: StageOptions {
                public var minWords = 50

                public init() {}

                public static let declarations: [OptionDeclaration<Options>] = [
                    .init("min_words", \\.minWords, range: 0...100_000,
                          help: "Documents with fewer words in their text are dropped."),
                ]
            }

            let options: Options

            public init(options: Options, context: StageSetup) throws {
                self.options = options
            }

            public func process(_ document: inout Document, context: StageContext) throws -> Verdict {
                let words = document.text.reduce(0) { $0 + $1.split(whereSeparator: \\.isWhitespace).count }
                if words < options.minWords {
                    return .drop(reason: "\\(words) words; \\(Self.name) keeps documents with at least \\(options.minWords)")
                }
                return .keep
            }
        }

        """
    }

    private var batchStageSource: String {
        """
        import PipelineKit

        /// Records on every document how many documents of the batch come from its site.
        ///
        /// Created by `pipe new-stage \(name) --batch`: replace the body of `process` with what your stage
        /// does, declare its options in `Options.declarations`, and say which document fields it reads and
        /// writes in `contract` (`pipe validate` checks pipelines against it).
        public struct \(typeName): BatchStage {
            public static let name = "\(name)"
            public static let abstract = "Counts the documents of each site into an attribute."
            public static let discussion = \"""
                A batch stage sees every document and story at once. Throwing marks the stage failed; the \\
                run goes on with the batch as it was before the stage.
                \"""
            public static let contract = StageContract(produces: ["site_count"])

            /// The stage's options, each declared once.
            public struct Options: StageOptions {
                public var attribute = "site_count"

                public init() {}

                public static let declarations: [OptionDeclaration<Options>] = [
                    .init("attribute", \\.attribute, help: "The attribute that receives the count."),
                ]
            }

            let options: Options

            public init(options: Options, context: StageSetup) throws {
                self.options = options
            }

            public func process(_ batch: inout Batch, context: StageContext) async throws {
                var counts: [String: Int] = [:]
                for document in batch.documents { counts[document.site ?? "", default: 0] += 1 }
                for index in batch.documents.indices {
                    try context.checkCancellation()
                    batch.documents[index].attributes[options.attribute] = .int(counts[batch.documents[index].site ?? ""] ?? 0)
                }
            }
        }

        """
    }

    var testSource: String {
        batch ? batchTestSource : documentTestSource
    }

    private var documentTestSource: String {
        """
        import PipelineKit
        import PipelineTesting
        import Testing
        @testable import \(target)

        @Suite("\(name)")
        struct \(typeName)Tests {
            @Test("keeps documents with enough words")
            func keeps() throws {
                let harness = try StageHarness(\(typeName).self, yaml: "min_words: 3")
                let (_, verdict) = try harness.process(.text("a", "Three whole words"))
                #expect(verdict == .keep)
            }

            @Test("drops documents with too few words, saying why")
            func drops() throws {
                let harness = try StageHarness(\(typeName).self, yaml: "min_words: 4")
                let (_, verdict) = try harness.process(.text("a", "Only three words"))
                #expect(verdict == .drop(reason: "3 words; \(name) keeps documents with at least 4"))
            }

            @Test("rejects an out-of-range option when the pipeline loads")
            func badOption() {
                #expect(throws: PipelineValidationError.self) {
                    try StageHarness(\(typeName).self, yaml: "min_words: -1")
                }
            }
        }

        """
    }

    private var batchTestSource: String {
        """
        import PipelineKit
        import PipelineTesting
        import Testing
        @testable import \(target)

        @Suite("\(name)")
        struct \(typeName)Tests {
            @Test("counts the documents of each site")
            func counts() async throws {
                let harness = try StageHarness(\(typeName).self, yaml: "attribute: n")
                let batch = Batch(documents: [
                    .text("a", "One", site: "Ledger"), .text("b", "Two", site: "Ledger"), .text("c", "Three", site: "Post"),
                ])
                let result = try await harness.process(batch)
                #expect(result.documents.map { $0.attributes["n"] } == [2, 2, 1])
            }
        }

        """
    }
}
