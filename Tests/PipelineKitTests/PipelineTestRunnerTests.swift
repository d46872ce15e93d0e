import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Pipeline test files")
struct PipelineTestRunnerTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("pipetest")
        try folder.write(
            "p.yaml",
            "name: p\ninput: ${INBOX:-inbox}\nstages:\n  - upcase\n  - fail-on:\n      needle: ${NEEDLE:-FAIL}\n  - collect\n"
        )
    }

    func results(_ yaml: String) async throws -> [PipelineTestRunner.Result] {
        let file = try folder.write("t.test.yaml", yaml)
        let suite = try PipelineTestFile.load(file)
        return await PipelineTestRunner(registry: TestStages.registry, environment: [:]).run(suite)
    }

    @Test("expectations that hold pass; those that do not fail with their position and what was found")
    func passAndFail() async throws {
        let found = try await results(
            """
            pipeline: p.yaml
            tests:
              - name: holds
                documents:
                  - {id: a, text: "harbour cranes"}
                  - {id: b, text: "please DROP this"}
                  - {id: c, text: "a FAIL here"}
                expect:
                  - {document: a, field: text, equals: "HARBOUR CRANES"}
                  - {document: a, field: text, contains: "CRANES"}
                  - {document: a, field: text, not_contains: "ships"}
                  - {document: a, field: text, matches: "^HAR"}
                  - {document: a, field: summary, empty: true}
                  - {document: b, dropped: "asked to be"}
                  - {document: c, dropped: true}
                  - {document: a, kept: true}
              - name: breaks
                documents:
                  - {id: a, text: "harbour"}
                expect:
                  - {document: a, field: text, equals: "harbour"}
                  - {document: a, dropped: true}
                  - {document: z, kept: true}
                  - {document: a, field: colour, equals: "x"}
            """)
        #expect(found.map(\.passed) == [true, false], "\(found[0].failures)")
        let failures = found[1].failures
        #expect(failures.count == 4)
        #expect(failures[0].hasSuffix("t.test.yaml:21:9: a.text is \"HARBOUR\", expected \"harbour\""))
        #expect(failures[1].hasSuffix("expected `a` to be set aside, but it was kept"))
        #expect(failures[2].hasSuffix("no document `z` in the output"))
        #expect(failures[3].contains("unknown field `colour`"))
    }

    @Test("story membership, stage ranges and per-test environment")
    func storiesRangesEnvironment() async throws {
        let found = try await results(
            """
            pipeline: p.yaml
            stages: {from: upcase, to: fail-on}
            tests:
              - name: no stories without collect
                documents:
                  - {id: a, text: "one"}
                  - {id: b, text: "two"}
                expect:
                  - {different_story: [a, b]}
                  - {document: a, field: story, empty: true}
              - name: a custom needle from the environment
                env: {NEEDLE: "two"}
                documents:
                  - {id: a, text: "one"}
                  - {id: b, text: "two"}
                expect:
                  - {document: b, dropped: "boom"}
                  - {same_story: [a, b]}
            """)
        #expect(found[0].passed, "\(found[0].failures)")
        #expect(found[1].failures.count == 1)
        #expect(found[1].failures.first?.contains("document `b` was set aside by `fail-on`: boom") == true)
    }

    @Test("invalid test files are reported with positions")
    func invalid() throws {
        let file = try folder.write(
            "bad.test.yaml",
            """
            pipeline: missing.yaml
            tests:
              - name: x
                documents:
                  - {text: "no id"}
                expect:
                  - {document: a, field: text, resembles: "x"}
            """)
        do {
            _ = try PipelineTestFile.load(file)
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
            #expect(messages.contains("1:11 pipeline file `missing.yaml` does not exist"))
            #expect(messages.contains("5:9 a document needs an `id`"))
            #expect(messages.contains { $0.hasPrefix("7:9 say how to compare `text`") })
        }
    }

    @Test("a `matches:` pattern that backtracks without end fails its test after the time limit")
    func runawayPattern() async throws {
        let found = try await results(
            """
            pipeline: p.yaml
            tests:
              - name: runaway
                documents:
                  - {id: a, text: "\(String(repeating: "a", count: 140))!"}
                expect:
                  - {document: a, field: text, matches: "(A+)+$"}
              - name: quick
                documents:
                  - {id: a, text: "harbour"}
                expect:
                  - {document: a, field: text, matches: "BOUR$"}
            """)
        #expect(found.map(\.passed) == [false, true])
        #expect(found[0].failures.first?.contains("/(A+)+$/ took more than 1 s to match and was abandoned") == true)
    }

    @Test("a bounded search tells a match, no match and a timeout apart")
    func boundedSearch() throws {
        let simple = try NSRegularExpression(pattern: "b+c")
        #expect(BoundedMatch.search(simple, in: "abbbc") == .match)
        #expect(BoundedMatch.search(simple, in: "abbb") == .noMatch)
        let runaway = try NSRegularExpression(pattern: "(a+)+$")
        #expect(BoundedMatch.search(runaway, in: String(repeating: "a", count: 140) + "!", seconds: 0.2) == .timedOut)
    }

    @Test("`tests: []` is an error: a file that tests nothing is a mistake")
    func emptyTests() throws {
        let file = try folder.write("empty.test.yaml", "pipeline: p.yaml\ntests: []\n")
        do {
            _ = try PipelineTestFile.load(file)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["`tests` is empty"])
            #expect(error.diagnostics.first?.location.line == 2)
        }
    }
}
