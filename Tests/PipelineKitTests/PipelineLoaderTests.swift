import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Pipeline loading")
struct PipelineLoaderTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("loader")
        try folder.write("inbox/a.txt", "hello")
    }

    func load(_ yaml: String, environment: [String: String] = [:]) throws(PipelineValidationError) -> Pipeline {
        try TestStages.loader(environment: environment).load(
            source: yaml, file: folder.appendingPathComponent("p.yaml"))
    }

    /// The diagnostics for `yaml`, as `line:column message` strings.
    func problems(_ yaml: String, environment: [String: String] = [:]) -> [Diagnostic] {
        do {
            _ = try load(yaml, environment: environment)
            Issue.record("expected the pipeline to be invalid")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("a valid pipeline keeps its stages in order, repeats included")
    func validPipeline() throws {
        let pipeline = try load(
            """
            name: morning
            input: {path: inbox}
            stages:
              - upcase
              - upcase: {times: 3, mode: first}
              - collect
            """)
        #expect(pipeline.name == "morning")
        #expect(pipeline.steps.map(\.name) == ["upcase", "upcase", "collect"])
        #expect(pipeline.steps[1].location.line == 5)
        #expect(pipeline.steps[1].location.column == 5)
        #expect(pipeline.inputURL.path == folder.appendingPathComponent("inbox").path)
        #expect(pipeline.outputDirectory.lastPathComponent == "out")
    }

    @Test("the name defaults to the file name and input may be a bare path")
    func defaults() throws {
        let pipeline = try load("input: inbox\nstages: [upcase]\n")
        #expect(pipeline.name == "p")
        #expect(pipeline.input.path == "inbox")
        #expect(pipeline.input.maxFileMB == 20)
    }

    @Test("three distinct mistakes give three positioned errors with suggestions")
    func threeMistakes() {
        let found = problems(
            """
            input: inbox
            stages:
              - upcsae
              - upcase:
                  tiems: 2
              - upcase: {times: 11}
            """)
        #expect(found.count == 3)
        #expect(found.map { "\($0.location.line):\($0.location.column)" } == ["3:5", "5:7", "6:21"])
        #expect(found[0].message == "unknown stage `upcsae`")
        #expect(found[0].help == "did you mean `upcase`?")
        #expect(found[1].message == "unknown option `tiems` for stage `upcase`")
        #expect(found[1].help == "did you mean `times`?")
        #expect(found[2].message.contains("11 is out of range: expected 1...10"))
    }

    @Test("rendered errors show file:line:column, the line and a caret under the column")
    func rendering() throws {
        let yaml = "input: inbox\nstages:\n  - upcase: {mode: loud}\n"
        do {
            _ = try load(yaml)
            Issue.record("expected an error")
        } catch {
            let text = error.description
            #expect(text.contains("p.yaml:3:20: error: option `mode` of `upcase`: `loud` is not one of all, first"))
            #expect(text.contains("\n      - upcase: {mode: loud}\n" + String(repeating: " ", count: 23) + "^\n"))
            #expect(text.hasSuffix("1 error found; nothing was run.\n"))
        }
    }

    @Test("wrong types are reported for each kind of option")
    func wrongTypes() {
        let found = problems(
            """
            input: inbox
            stages:
              - upcase:
                  times: three
                  ratio: high
                  loud: maybe
                  tags: {a: 1}
                  label: [x]
            """)
        #expect(found.map(\.location.line) == [4, 5, 6, 7, 8])
        #expect(found[0].message.hasSuffix("expected an integer, found `three`"))
        #expect(found[1].message.hasSuffix("expected a number, found `high`"))
        #expect(found[2].message.hasSuffix("expected true or false, found `maybe`"))
        #expect(found[3].message.hasSuffix("expected a list of string, found a mapping"))
        #expect(found[4].message.hasSuffix("expected a string, found a list"))
    }

    @Test("a quoted number is a string, not an integer")
    func quotedNumber() {
        let found = problems("input: inbox\nstages:\n  - upcase: {times: \"3\"}\n")
        #expect(found.first?.message.hasSuffix("expected an integer, found the string \"3\"") == true)
    }

    @Test("YAML syntax errors point at the problem")
    func syntaxError() {
        let found = problems("input: inbox\nstages: [upcase]\nname: a: b\n")
        #expect(found.count == 1)
        #expect(found[0].message == "YAML syntax: mapping values are not allowed in this context")
        #expect("\(found[0].location.line):\(found[0].location.column)" == "3:8")
        // An unclosed flow mapping is noticed later; the help names where it began.
        let unclosed = problems("input: inbox\nstages:\n  - upcase: {times: 3\n  - collect\n")
        #expect(unclosed.first?.help?.contains("line 3") == true)
    }

    @Test("duplicate keys are an error at the mapping")
    func duplicateKeys() {
        let found = problems("input: inbox\nstages: [upcase]\ninput: other\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("duplicate key `input`"))
    }

    @Test("unknown top-level keys get a suggestion")
    func unknownTopLevelKey() {
        let found = problems("input: inbox\nstagse: [upcase]\n")
        #expect(found.map(\.message).contains("unknown key `stagse` in pipeline"))
        #expect(found.first { $0.message.contains("stagse") }?.help == "did you mean `stages`?")
        #expect(found.map(\.message).contains("missing `stages:`"))
    }

    @Test("a stage entry with two keys explains how to indent options")
    func twoKeyEntry() {
        let found = problems("input: inbox\nstages:\n  - upcase:\n    times: 2\n")
        #expect(found.count == 1)
        #expect(found[0].message == "a stage entry names one stage, found 2 keys")
        #expect(found[0].location.line == 4)
    }

    @Test("a missing input path is an error at the path")
    func missingInput() {
        let found = problems("input:\n  path: nowhere\nstages: [upcase]\n")
        #expect(found.count == 1)
        #expect(found[0].message == "input path `nowhere` does not exist")
        #expect(found[0].location.line == 2)
        #expect(found[0].location.column == 9)
    }

    @Test("an empty file and a non-mapping file are reported")
    func emptyAndScalar() {
        #expect(problems("").first?.message == "the pipeline file is empty")
        #expect(problems("- upcase\n").first?.message.hasPrefix("a pipeline file is a mapping") == true)
    }

    @Test("environment variables are substituted, with defaults")
    func interpolation() throws {
        let pipeline = try load(
            "input: ${INBOX}\nstages:\n  - upcase:\n      times: ${N:-2}\n      label: \"${WHO:-nobody} $$5\"\n",
            environment: ["INBOX": "inbox"])
        #expect(pipeline.input.path == "inbox")
        #expect(pipeline.steps.count == 1)
        // The default became a plain scalar, so it decoded as an integer; out of range shows it was read.
        let found = problems("input: inbox\nstages:\n  - upcase:\n      times: ${N:-20}\n")
        #expect(found.first?.message.hasSuffix("20 is out of range: expected 1...10") == true)
    }

    @Test("an unset variable without default is an error at the `$`")
    func unsetVariable() {
        let found = problems("input: inbox\nstages:\n  - upcase: {label: \"x ${WHO}\"}\n")
        #expect(found.count == 1)
        #expect(found[0].message == "environment variable `WHO` is not set")
        #expect(found[0].location.line == 3)
        #expect(found[0].location.column == 24)
    }

    @Test("a stage that needs a field nothing produced is caught with its position")
    func contractViolation() throws {
        let found = problems("input: inbox\nstages:\n  - upcase\n  - needs-story\n")
        #expect(found.count == 1)
        #expect(found[0].message == "stage `needs-story` needs `story`, which no earlier stage produces")
        #expect(found[0].help == "add `collect` before it")
        #expect(found[0].location.line == 4)
        _ = try load("input: inbox\nstages:\n  - collect\n  - needs-story\n")
    }

    @Test("an alias bomb is refused quickly with a clear error")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = (0..<10).map { _ in "*a\(level - 1)" }.joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "input: inbox\nstages: [upcase]\n"
        let started = ContinuousClock.now
        let found = problems(yaml)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(found.first?.message.contains("expand to more than") == true)
    }

    @Test("aliases are budgeted by the bytes they repeat, not by how many there are")
    func aliasBytesBudget() {
        // 100 aliases of a 200 KB string: only 102 values, but 20 MB of text.
        let long = String(repeating: "x", count: 200_000)
        let refs = Array(repeating: "*b", count: 100).joined(separator: ", ")
        let found = problems("input: inbox\nstages: [upcase]\nbig: &b \"\(long)\"\nrefs: [\(refs)]\n")
        #expect(found.count == 1)
        #expect(
            found.first?.message
                == "the file's values expand to more than \(YAMLSource.maxExpandedBytes) bytes; refusing to load it")
        #expect(found.first?.location.line == 3)  // the anchor's value: Yams gives aliases their anchor's position
    }

    @Test("an alias bomb of short values stops after about one value per byte of the file")
    func aliasValueBudget() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...5 {
            yaml +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        yaml += "input: inbox\nstages: [upcase]\n"
        // 10^6 values from a file of a few hundred bytes: the byte budget alone would allow them.
        let found = problems(yaml)
        #expect(
            found.first?.message
                == "the file's aliases expand to more than \(yaml.utf8.count + YAMLSource.extraValues) values; refusing to load it"
        )
    }

    @Test("a large file without aliases is not taken for an alias bomb")
    func largeFileWithoutAliases() {
        // 150,000 values, more than the old count-of-values budget allowed.
        let yaml = "input: inbox\nstages: [upcase]\nextra:\n" + String(repeating: "  - v\n", count: 150_000)
        let found = problems(yaml)
        #expect(found.map(\.message) == ["unknown key `extra` in pipeline"])
    }

    @Test("only the first 100 problems are printed, then a count of the rest")
    func reportedProblemsAreCapped() {
        let yaml = "input: inbox\nstages:\n" + (0..<150).map { "  - nosuch\($0)\n" }.joined()
        do {
            _ = try load(yaml)
            Issue.record("expected the pipeline to be invalid")
        } catch {
            let text = error.description
            #expect(error.diagnostics.count == 150)
            #expect(text.components(separatedBy: ": error: ").count - 1 == PipelineValidationError.maxReported)
            #expect(text.contains("unknown stage `nosuch99`"))
            #expect(!text.contains("unknown stage `nosuch100`"))
            #expect(text.contains("… and 50 more problems not shown"))
            #expect(text.hasSuffix("150 errors found; nothing was run.\n"))
        }
    }

    @Test("an excerpt of a very long line is cut")
    func longExcerptIsCut() {
        let yaml = "input: inbox\nstages: [upcase]\nwrong: " + String(repeating: "y", count: 5_000) + "\n"
        do {
            _ = try load(yaml)
            Issue.record("expected the pipeline to be invalid")
        } catch {
            let text = error.description
            #expect(
                text.contains("    wrong: " + String(repeating: "y", count: SourceLines.maxExcerptScalars - 7) + " …\n")
            )
            #expect(!text.contains(String(repeating: "y", count: 300)))
        }
    }

    @Test("deep nesting is refused")
    func deepNesting() {
        let yaml =
            "input: inbox\nstages: [upcase]\ndeep: " + String(repeating: "[", count: 200)
            + String(repeating: "]", count: 200) + "\n"
        let found = problems(yaml)
        #expect(found.first?.message.contains("nested more than") == true)
    }

    @Test("a file that is not valid UTF-8 or does not exist is reported at 1:1")
    func unreadableFile() throws {
        let bad = try folder.write("bad.yaml", Data([0x69, 0x6E, 0xFF, 0xFE, 0x0A]))
        do {
            _ = try TestStages.loader().load(file: bad)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message == "pipeline file is not valid UTF-8")
        }
        do {
            _ = try TestStages.loader().load(file: folder.appendingPathComponent("none.yaml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("cannot read pipeline file") == true)
        }
    }

    @Test("a name that could escape an output folder is refused")
    func unsafeName() {
        let found = problems("name: ../../etc\ninput: inbox\nstages: [upcase]\n")
        #expect(found.first?.message.hasPrefix("`name` must be letters") == true)
    }
}

@Suite("Interpolation")
struct InterpolationTests {
    let environment = ["HOME_DIR": "/home/ana", "EMPTY": ""]

    func expand(_ text: String) -> String? {
        try? Interpolation.expand(text, environment: environment).get()
    }

    @Test("variables, defaults, empty values and escapes")
    func expansion() {
        #expect(expand("${HOME_DIR}/inbox") == "/home/ana/inbox")
        #expect(expand("${MISSING:-fallback}") == "fallback")
        #expect(expand("${EMPTY:-used}") == "used")
        #expect(expand("${EMPTY}") == "")
        #expect(expand("cost $$5 and $HOME_DIR") == "cost $5 and $HOME_DIR")
        #expect(expand("no variables") == "no variables")
    }

    @Test("problems carry the offset of their `$`")
    func problems() {
        guard case let .failure(problem) = Interpolation.expand("ab ${NOPE}", environment: environment) else {
            Issue.record("expected a failure")
            return
        }
        #expect(problem.offset == 3)
        #expect(problem.message == "environment variable `NOPE` is not set")
        guard case let .failure(open) = Interpolation.expand("x ${OPEN", environment: environment) else {
            Issue.record("expected a failure")
            return
        }
        #expect(open.message.hasPrefix("unterminated"))
        guard case let .failure(bad) = Interpolation.expand("${1X}", environment: environment) else {
            Issue.record("expected a failure")
            return
        }
        #expect(bad.message.hasSuffix("is not a variable reference"))
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test("edit distance counts transpositions as one edit")
    func distance() {
        #expect(Suggestion.editDistance("summarize", "summarize") == 0)
        #expect(Suggestion.editDistance("sumamrize", "summarize") == 1)
        #expect(Suggestion.editDistance("clean", "cluster") == 5)
    }

    @Test("only plausible typos are suggested")
    func nearest() {
        #expect(Suggestion.nearest(to: "extarct", in: ["extract", "export"]) == "extract")
        #expect(Suggestion.nearest(to: "zzz", in: ["extract", "export"]) == nil)
    }
}
