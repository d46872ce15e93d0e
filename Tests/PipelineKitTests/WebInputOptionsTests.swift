import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("web input options")
struct WebInputOptionsTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("web-input")
    }

    func load(_ yaml: String) throws(PipelineValidationError) -> Pipeline {
        try TestStages.loader().load(source: yaml, file: folder.appendingPathComponent("p.yaml"))
    }

    @Test("feeds, sitemaps and urls stand instead of a path, with their options")
    func webInstead() throws {
        let pipeline = try load(
            """
            input:
              feeds: [https://news.example/rss.xml, http://other.example/atom]
              sitemaps: https://news.example/news-sitemap.xml
              urls: [https://news.example/story]
              window_hours: 36
              max_per_feed: 10
              per_host: 1
              connect_timeout: 5
            stages: [collect]
            """)
        #expect(pipeline.input.path == "")
        #expect(pipeline.input.web.feeds.map(\.text) == ["https://news.example/rss.xml", "http://other.example/atom"])
        #expect(pipeline.input.web.sitemaps.map(\.text) == ["https://news.example/news-sitemap.xml"])
        #expect(
            pipeline.input.web.windowHours == 36 && pipeline.input.web.maxPerFeed == 10
                && pipeline.input.web.perHost == 1)
        #expect(pipeline.input.web.replay == "replay")
        #expect(pipeline.input.web.connectTimeoutSeconds == 5 && pipeline.input.web.timeoutSeconds == 30)
    }

    @Test("connect_timeout defaults to 10 s and is refused at 0")
    func connectTimeout() throws {
        #expect(
            try load("input: {urls: [http://a.example/]}\nstages: [collect]\n").input.web.connectTimeoutSeconds == 10)
        do {
            _ = try load("input:\n  urls: [http://a.example/]\n  connect_timeout: 0\nstages: [collect]\n")
            Issue.record("accepted connect_timeout 0")
        } catch {
            #expect(error.diagnostics.first?.location.line == 3)
        }
    }

    @Test("a URL that is not http or https is an error at its own line and column")
    func badScheme() {
        do {
            _ = try load(
                """
                input:
                  feeds:
                    - https://news.example/rss.xml
                    - ftp://news.example/rss.xml
                stages: [collect]
                """)
            Issue.record("accepted an ftp feed")
        } catch {
            let problem = error.diagnostics.first
            #expect(problem?.message.contains("`ftp://news.example/rss.xml` is not an http or https URL") == true)
            #expect(problem?.location.line == 4)
            #expect(problem?.location.column == 7)
        }
    }

    @Test("input with neither a path nor anything to fetch still needs a path")
    func needsSomething() {
        do {
            _ = try load("input: {window_hours: 12}\nstages: [collect]\n")
            Issue.record("accepted an empty input")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("needs a `path`") })
        }
    }
}
