import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("state options: a SQLite path or a PostgreSQL URL")
struct StateOptionsTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("state-options")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
    }

    func load(_ state: String, environment: [String: String] = [:]) throws(PipelineValidationError) -> Pipeline {
        try TestStages.loader(environment: environment)
            .load(
                source: "input: inbox\nstate: \(state)\nstages: [collect]\n",
                file: folder.appendingPathComponent("p.yaml"))
    }

    func problem(_ state: String) -> Diagnostic? {
        do {
            _ = try load(state)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test("a URL's parts: user, password, host, port, database, sslmode; shown without its password")
    func parts() throws {
        let url = try PostgresURL(parsing: "postgres://pipe:s3cret@db.internal:6543/news?sslmode=require")
        #expect(
            url
                == PostgresURL(
                    user: "pipe", password: "s3cret", host: "db.internal", port: 6543, database: "news", tls: .require))
        #expect(url.display == "postgres://pipe@db.internal:6543/news")

        let plain = try PostgresURL(parsing: "postgresql://pipe@localhost/news")
        #expect(plain.password == nil && plain.port == 5432 && plain.tls == .prefer)
        // A password from the environment may hold what a URL reserves: the text splits at its last `@`.
        let odd = try PostgresURL(parsing: "postgres://pipe:p@ss:w/rd@db:5432/news")
        #expect(odd.password == "p@ss:w/rd" && odd.host == "db" && odd.database == "news")
        #expect(try PostgresURL(parsing: "postgres://pipe:%25x%40y@db/news").password == "%x@y")
        #expect(try PostgresURL(parsing: "postgres://pipe:@db/news").password == "")
        let six = try PostgresURL(parsing: "postgres://pipe@[::1]:5433/news")
        #expect(six.host == "::1" && six.port == 5433 && six.display == "postgres://pipe@[::1]:5433/news")
    }

    @Test(
        "a bad URL says what is wrong, never repeating the password",
        arguments: [
            ("postgres://db/news", "names no user"),
            ("postgres://pipe:pw-x1@db", "names no database"),
            ("postgres://pipe:pw-x1@db/", "names no database"),
            ("postgres://pipe:pw-x1@:5432/news", "names no host"),
            ("postgres://pipe:pw-x1@db:http/news", "the port `http` is not a number"),
            ("postgres://pipe:pw-x1@db:0/news", "is not a number from 1 to 65535"),
            ("mysql://pipe:pw-x1@db/news", "the scheme `mysql` is not postgres"),
            ("db/news", "not a URL"),
            ("postgres://pipe:pw-x1%zz@db/news", "the password has a bad %-escape"),
            ("postgres://pipe:pw-x1@db/news?timeout=3", "unknown parameter `timeout`"),
            ("postgres://pipe:pw-x1@db/news?sslmode=verify-full", "sslmode must be disable, prefer or require"),
        ])
    func badURL(text: String, expected: String) {
        #expect {
            _ = try PostgresURL(parsing: text)
        } throws: { error in
            let message = (error as? OptionError)?.message ?? ""
            return message.contains(expected) && !message.contains("pw-x1")
        }
    }

    @Test("`url` in `state:` names a PostgreSQL store; the short form and ${VAR} work as for a path")
    func loads() throws {
        #if Postgres
            let long = try load(
                "{url: 'postgres://pipe:${DB_PASSWORD}@db:5432/news', window_days: 5}",
                environment: ["DB_PASSWORD": "a@b"])
            #expect(long.state?.postgres?.password == "a@b")
            #expect(long.state?.windowDays == 5)
            #expect(long.stateURL == nil, "no SQLite file")
            #expect(long.state?.location == "postgres://pipe@db:5432/news")
            let short = try load(
                "${PIPE_STATE:-state/x.sqlite}", environment: ["PIPE_STATE": "postgres://pipe@db/news"])
            #expect(short.state?.url == "postgres://pipe@db/news" && short.state?.path == "")
        #else
            #expect(
                problem("{url: 'postgres://pipe@db:5432/news'}")?.message.contains("swift build --traits Postgres")
                    == true)
        #endif
        let sqlite = try load("${PIPE_STATE:-state/x.sqlite}")
        #expect(sqlite.state?.path == "state/x.sqlite" && sqlite.state?.url == "")
        #expect(sqlite.stateURL?.lastPathComponent == "x.sqlite")
    }

    @Test("a bad URL, or both a path and a URL, is an error at its line and column")
    func errors() throws {
        let bad = try #require(problem("{window_days: 2, url: 'postgres://pipe:pw-x1@db:99999/news'}"))
        #expect(bad.location.line == 2 && bad.location.column == 30)
        #expect(bad.message.contains("the port `99999` is not a number from 1 to 65535"))
        #expect(!bad.message.contains("pw-x1"))
        let short = try #require(problem("postgres://pipe@db"))
        #expect(short.location.line == 2 && short.location.column == 8)
        #expect(short.message.contains("names no database"))
        #expect(problem("{window_days: 2}")?.message == "`state` needs a `path` or a `url`")
        #if Postgres
            let both = try #require(problem("{path: s.sqlite, url: 'postgres://pipe@db/news'}"))
            #expect(both.message.contains("`path` and `url` both name a store"))
            #expect(both.location.line == 2 && both.location.column == 8)
        #else
            let unavailable = try #require(problem("{path: s.sqlite, url: 'postgres://pipe@db/news'}"))
            #expect(
                unavailable.message.contains(
                    "built without PostgreSQL support: build it with `swift build --traits Postgres`"))
            #expect(unavailable.location.line == 2 && unavailable.location.column == 30)
        #endif
    }

    @Test("the schema takes a path or a url, never both")
    func schema() throws {
        let schema = PipelineSchema.schema(for: TestStages.registry)
        let state = try #require(schema["properties"]?["state"]?["anyOf"])
        guard case let .array(alternatives) = state, let object = alternatives.last else {
            Issue.record("state is not a string or an object")
            return
        }
        #expect(object["anyOf"] == .array([["required": ["path"]], ["required": ["url"]]]))
        #expect(object["not"] == ["required": ["path", "url"]])
        #expect(object["properties"]?["url"] != nil)
    }
}
