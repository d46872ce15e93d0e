import Foundation
import PipelineKit
import PipelineRuntime
import Testing

/// Runs the built `pipe` executable, as a user would.
struct CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "pipe")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/pipe")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pipe` from the package root. `pipelines/daily.yaml` keeps state in
    /// `${PIPE_STATE:-state/daily.sqlite}`: unless `environment` names one, each call gets a
    /// state file of its own in a new temporary folder, so tests never read or write the
    /// developer's `pipelines/state` and never see each other's runs.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var environment = environment
        if environment["PIPE_STATE"] == nil {
            environment["PIPE_STATE"] = try temporaryFolder().appendingPathComponent("state.sqlite").path
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a chatty child cannot fill one and block.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipe-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("pipe command line", .serialized)
struct CLITests {
    @Test("pipe run pipelines/daily.yaml writes the Markdown, JSON and JSONL digests and exits 0")
    func dailyPipeline() throws {
        let out = try CLI.temporaryFolder()
        let result = try CLI.run(["run", "pipelines/daily.yaml", "--output", out.path, "--date", "2026-11-20"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let markdown = try String(contentsOf: out.appendingPathComponent("daily-2026-11-20.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# daily — Friday 20 November 2026\n"))
        let lines = try String(contentsOf: out.appendingPathComponent("daily-2026-11-20.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse($0) }
        #expect(lines.count >= 30)
        #expect(lines.allSatisfy { !($0["text"]?.stringValue ?? "").isEmpty })
        let digest = try JSONValue.parse(
            String(contentsOf: out.appendingPathComponent("daily-2026-11-20.json"), encoding: .utf8))
        guard case let .array(documents)? = digest["documents"] else {
            Issue.record("no documents array")
            return
        }
        #expect(documents.count == lines.count)
        #expect(result.stderr.contains("wrote \(out.path)/daily-2026-11-20.md"))
        let report = try JSONValue.parse(
            String(contentsOf: out.appendingPathComponent("daily-2026-11-20.report.json"), encoding: .utf8))
        #expect(report["exit_status"] == 0)
    }

    @Test("the same inbox and date give byte-identical outputs")
    func deterministic() throws {
        let first = try CLI.temporaryFolder(), second = try CLI.temporaryFolder()
        for folder in [first, second] {
            let result = try CLI.run([
                "run", "pipelines/daily.yaml", "--output", folder.path, "--date", "2026-11-20", "--quiet",
            ])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
        }
        for name in ["daily-2026-11-20.md", "daily-2026-11-20.json", "daily-2026-11-20.jsonl"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between runs")
        }
    }

    @Test(
        "the daily pipeline remembers: a second day on the unchanged inbox says nothing is new and lists the open stories"
    )
    func secondDayOnTheSameInbox() throws {
        let state = try CLI.temporaryFolder().appendingPathComponent("daily.sqlite").path
        let first = try CLI.temporaryFolder(), second = try CLI.temporaryFolder(), again = try CLI.temporaryFolder()
        let day1 = try CLI.run(
            ["run", "pipelines/daily.yaml", "--output", first.path, "--date", "2026-11-20", "--quiet"],
            environment: ["PIPE_STATE": state])
        #expect(day1.status == 0, "stderr: \(day1.stderr)")
        let day1Markdown = try String(contentsOf: first.appendingPathComponent("daily-2026-11-20.md"), encoding: .utf8)
        let headlines = day1Markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
            .map { $0.drop { $0 != " " }.dropFirst().drop { $0 != " " }.dropFirst() }
        let day1Report = try JSONValue.parse(
            String(contentsOf: first.appendingPathComponent("daily-2026-11-20.report.json"), encoding: .utf8))
        guard case let .int(read)? = day1Report["documents_read"] else {
            Issue.record("no documents_read in the run report")
            return
        }
        #expect(headlines.count == 9)

        for folder in [second, again] {
            let day2 = try CLI.run(
                ["run", "pipelines/daily.yaml", "--output", folder.path, "--date", "2026-11-21"],
                environment: ["PIPE_STATE": state])
            #expect(day2.status == 0, "stderr: \(day2.stderr)")
            #expect(day2.stderr.contains("\(read) documents already processed on earlier days were skipped"))
        }
        let markdown = try String(contentsOf: second.appendingPathComponent("daily-2026-11-21.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# daily — Saturday 21 November 2026\n\n0 stories · 0 articles\n"))
        #expect(markdown.contains("_Nothing new: the \(read) articles in the input were all in earlier digests._"))
        let open = markdown.components(separatedBy: "## Still open\n\n").last?.split(separator: "\n") ?? []
        #expect(open.count == headlines.count)
        for headline in headlines {
            #expect(open.contains { $0.hasPrefix("- **\(headline)** — ") }, "\(headline) is not listed as open")
        }
        let html = try String(contentsOf: second.appendingPathComponent("daily-2026-11-21.html"), encoding: .utf8)
        #expect(html.contains("Still open"))
        // The same date again on the same inbox: the same digest, byte for byte.
        for name in ["daily-2026-11-21.md", "daily-2026-11-21.html", "daily-2026-11-21.json"] {
            #expect(
                try Data(contentsOf: second.appendingPathComponent(name))
                    == Data(contentsOf: again.appendingPathComponent(name)),
                "\(name) differs between two runs of the same date")
        }
        // And day 1 run again is day 1's digest: its documents are not skipped on their own date.
        let rerun = try CLI.temporaryFolder()
        #expect(
            try CLI.run(
                ["run", "pipelines/daily.yaml", "--output", rerun.path, "--date", "2026-11-20", "--quiet"],
                environment: ["PIPE_STATE": state]
            ).status == 0)
        #expect(
            try String(contentsOf: rerun.appendingPathComponent("daily-2026-11-20.md"), encoding: .utf8) == day1Markdown
        )
    }

    @Test("--no-state runs without memory and --state puts it elsewhere")
    func stateFlags() throws {
        let state = try CLI.temporaryFolder().appendingPathComponent("daily.sqlite").path
        let elsewhere = try CLI.temporaryFolder().appendingPathComponent("other.sqlite")
        for date in ["2026-11-20", "2026-11-21"] {
            let out = try CLI.temporaryFolder()
            let result = try CLI.run(
                ["run", "pipelines/daily.yaml", "--output", out.path, "--date", date, "--no-state"],
                environment: ["PIPE_STATE": state])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(!result.stderr.contains("skipped"))
        }
        #expect(!FileManager.default.fileExists(atPath: state))
        let out = try CLI.temporaryFolder()
        #expect(
            try CLI.run(
                [
                    "run", "pipelines/daily.yaml", "--output", out.path, "--date", "2026-11-20", "--quiet",
                    "--state", elsewhere.path,
                ], environment: ["PIPE_STATE": state]
            ).status == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path))
        #expect(!FileManager.default.fileExists(atPath: state))
        #expect(try CLI.run(["run", "pipelines/daily.yaml", "--state", elsewhere.path, "--no-state"]).status == 2)
    }

    @Test("pipe validate reports every mistake with position, caret and suggestion, and exits 2")
    func validateMistakes() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("broken.yaml")
        try """
        input: inbox
        stages:
          - claen
          - extract:
              keywrods: 5
          - export: {format: markdown, path: "out/${UNSET_FOR_TEST}.md"}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", file.path])
        #expect(result.status == 2)
        let headers = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(headers.count == 3)
        #expect(headers[0].hasPrefix("\(file.path):3:5: error: unknown stage `claen`"))
        #expect(headers[1].hasPrefix("\(file.path):5:7: error: unknown option `keywrods` for stage `extract`"))
        #expect(headers[2].hasPrefix("\(file.path):6:43: error: environment variable `UNSET_FOR_TEST` is not set"))
        #expect(result.stderr.contains("help: did you mean `clean`?"))
        #expect(result.stderr.contains("help: did you mean `keywords`?"))
        #expect(result.stderr.contains("\n        ^\n"))
        #expect(result.stderr.contains("3 errors found; nothing was run."))
    }

    @Test("pipe validate accepts the shipped pipelines")
    func validateShipped() throws {
        let result = try CLI.run(["validate", "pipelines/daily.yaml"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("ok — "))
    }

    @Test("a run with unreadable input finishes, sets it aside and exits 3")
    func rejectsExitThree() throws {
        let folder = try CLI.temporaryFolder()
        try Data([0, 159, 146, 150, 0, 1]).write(to: folder.appendingPathComponent("garbage.html"))
        let page = String(
            repeating: "<p>A long enough paragraph about the harbour and its cranes, written for this test.</p>\n",
            count: 8)
        try page.write(to: folder.appendingPathComponent("good.html"), atomically: true, encoding: .utf8)
        let out = try CLI.temporaryFolder()
        let result = try CLI.run([
            "run", "pipelines/daily.yaml", "--input", folder.path, "--output", out.path, "--date", "2026-11-20",
        ])
        #expect(result.status == 3, "stderr: \(result.stderr)")
        let rejects = try String(
            contentsOf: out.appendingPathComponent("daily-2026-11-20.rejects.jsonl"), encoding: .utf8)
        #expect(rejects.contains(#""source":"garbage.html""#))
        #expect(rejects.contains("binary file"))
        let jsonl = try String(contentsOf: out.appendingPathComponent("daily-2026-11-20.jsonl"), encoding: .utf8)
        #expect(jsonl.contains(#""id":"good.html""#))
    }

    @Test("usage errors exit 2")
    func usageErrors() throws {
        #expect(try CLI.run(["run"]).status == 2)
        #expect(try CLI.run(["run", "pipelines/daily.yaml", "--date", "20-11-2026"]).status == 2)
        #expect(try CLI.run(["run", "pipelines/daily.yaml", "--input", "/no/such/inbox"]).status == 2)
        #expect(try CLI.run(["stages", "sumarize"]).stderr.contains("did you mean `summarize`?"))
    }

    @Test("pipe stages lists every stage and documents one stage's options")
    func stages() throws {
        let list = try CLI.run(["stages"])
        #expect(list.status == 0)
        for name in ["clean", "extract", "cluster", "summarize", "export"] {
            #expect(list.stdout.contains("\n\(name) ") || list.stdout.hasPrefix("\(name) "))
        }
        let export = try CLI.run(["stages", "export"])
        #expect(
            export.stdout.contains("format (markdown | json | jsonl | html | csv | sqlite | atom, default \"jsonl\")"))
        for option in [
            "csv_rows (documents | mentions, default \"documents\")", "csv_top (integer, default 5)",
            "feed_url (string)",
            "chips (integer, default 6)", "title (string)",
        ] {
            #expect(export.stdout.contains(option))
        }
        #expect(export.stdout.contains("path (string)"))
    }

    @Test("pipe schema prints a JSON Schema that forbids unknown options")
    func schema() throws {
        let result = try CLI.run(["schema"])
        #expect(result.status == 0)
        let schema = try JSONValue.parse(result.stdout)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(result.stdout.contains("\"min_text_length\""))
        #expect(schema["additionalProperties"] == false)
    }
}
