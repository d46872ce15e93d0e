import Foundation
import PipelineKit
import PipelineRuntime
import PipelineTesting
import Testing

/// Two options, to write the canonical form out by hand.
struct Knobs: StageOptions {
    var beta = "x"
    var alpha = 2
    var words: [String] = []
    init() {}
    static let declarations: [OptionDeclaration<Knobs>] = [
        .init("beta", \.beta, help: "A string."),
        .init("alpha", \.alpha, help: "A number."),
        .init("words", \.words, help: "A list."),
    ]
}

/// Keeps the documents whose text has at least `min_words` words, or one of `words`.
struct KnobStage: DocumentStage {
    struct Options: StageOptions {
        var minWords = 1
        var words: [String] = []
        init() {}
        static let declarations: [OptionDeclaration<Options>] = [
            .init("min_words", \.minWords, help: "Fewest words."),
            .init("words", \.words, help: "Any of these keeps a document."),
        ]
    }

    static let name = "knobs"
    static let abstract = "Keeps documents with enough words."
    let options: Options
    init(options: Options, context: StageSetup) { self.options = options }

    func process(_ document: inout Document, context: StageContext) -> Verdict {
        let words = document.joinedText.split(separator: " ").map(String.init)
        return words.count >= options.minWords || words.contains(where: options.words.contains)
            ? .keep : .drop(reason: "short")
    }
}

@Suite("Options: canonical form and the YAML harness")
struct OptionsFingerprintTests {
    func knobs(_ yaml: String) throws -> Knobs {
        let (options, problems) = Knobs.decode(from: try ConfigNode.parse(yaml: yaml), stage: "knobs")
        #expect(problems.isEmpty)
        return options
    }

    @Test("canonical JSON: every declared option, keys sorted, one line; the order in the file does not matter")
    func canonical() throws {
        #expect(Knobs().canonicalJSON == #"{"alpha":2,"beta":"x","words":[]}"#)
        let one = try knobs("{alpha: 5, words: [a, b]}")
        let other = try knobs("words: [a, b]\nalpha: 5")
        #expect(one.canonicalJSON == #"{"alpha":5,"beta":"x","words":["a","b"]}"#)
        #expect(one.canonicalJSON == other.canonicalJSON)
        #expect(try knobs("{alpha: 5, words: [b, a]}").canonicalJSON != one.canonicalJSON)
    }

    @Test("the harness takes options as YAML, lists included, and reports bad ones at their line")
    func harnessYAML() throws {
        let harness = try StageHarness(KnobStage.self, yaml: "min_words: 3\nwords: [urgent, flood]")
        #expect(harness.stage.options.minWords == 3)
        #expect(harness.stage.options.words == ["urgent", "flood"])
        let short = Document(id: "a", source: "a.txt", text: ["two words"])
        let flagged = Document(id: "b", source: "b.txt", text: ["flood now"])
        #expect(try harness.process(short).verdict == .drop(reason: "short"))
        #expect(try harness.process(flagged).verdict == .keep)
        do {
            _ = try StageHarness(KnobStage.self, yaml: "min_words: 3\nmin_word: 4")
            Issue.record("an unknown option was accepted")
        } catch let error as PipelineValidationError {
            #expect(error.diagnostics.first?.location.line == 2)
        }
    }
}
