import Foundation
import PipelineKit
import PipelineRuntime
import Testing
@testable import Fetch

/// A transport answering from a table, counting requests and concurrency per host.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    typealias Handler =
        @Sendable (_ url: String, _ headers: [(name: String, value: String)], _ call: Int) -> Result<
            TransportResponse, TransportError
        >
    private let lock = NSLock()
    private let handler: Handler
    private let latency: Double
    private(set) var requests: [String] = []
    private(set) var sentHeaders: [String: [(name: String, value: String)]] = [:]
    private var active: [String: Int] = [:]
    private(set) var peak: [String: Int] = [:]

    init(latency: Double = 0, handler: @escaping Handler) {
        self.latency = latency
        self.handler = handler
    }

    func get(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits) async
        -> Result<TransportResponse, TransportError>
    {
        let host = URLCanonicalizer.hostKey(url)
        let call: Int = lock.withLock {
            requests.append(url)
            sentHeaders[url] = headers
            active[host, default: 0] += 1
            peak[host] = max(peak[host] ?? 0, active[host]!)
            return requests.filter { $0 == url }.count
        }
        if latency > 0 { try? await Task.sleep(for: .milliseconds(Int(latency * 1000))) }
        lock.withLock { active[host, default: 0] -= 1 }
        return handler(url, headers, call)
    }

    static func ok(_ body: String, _ headers: [(name: String, value: String)] = []) -> Result<
        TransportResponse, TransportError
    > {
        .success(TransportResponse(status: 200, headers: headers, body: Data(body.utf8)))
    }

    static func status(_ code: Int, _ headers: [(name: String, value: String)] = []) -> Result<
        TransportResponse, TransportError
    > {
        .success(TransportResponse(status: code, headers: headers, body: Data()))
    }
}

@Suite("fetcher politeness and failures")
struct FetcherTests {
    func options(_ change: (inout FetchOptions) -> Void = { _ in }) -> FetchOptions {
        var options = FetchOptions()
        options.delay = 0
        options.retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxRetryAfter: 2)
        change(&options)
        return options
    }

    @Test("no more than perHost requests run at once on one host, while other hosts proceed")
    func perHostLimit() async {
        let transport = ScriptedTransport(latency: 0.05) { url, _, _ in
            url.hasSuffix("/robots.txt") ? ScriptedTransport.status(404) : ScriptedTransport.ok("<p>page</p>")
        }
        let fetcher = Fetcher(options: options { $0.perHost = 2 }, transport: transport)
        await withTaskGroup(of: Void.self) { group in
            for host in ["http://a.test", "http://b.test"] {
                for index in 0..<8 {
                    group.addTask { _ = await fetcher.fetch("\(host)/p\(index)") }
                }
            }
        }
        #expect(transport.peak["http://a.test"] == 2)
        #expect(transport.peak["http://b.test"] == 2)
        // robots.txt is asked once per host, however many pages.
        #expect(transport.requests.filter { $0.hasSuffix("/robots.txt") }.count == 2)
    }

    @Test("robots.txt: a disallowed path is refused, 4xx allows everything, 5xx and no answer disallow the host")
    func robots() async {
        let transport = ScriptedTransport { url, _, _ in
            switch URLCanonicalizer.hostKey(url) {
            case "http://rules.test":
                url.hasSuffix("/robots.txt")
                    ? ScriptedTransport.ok("User-agent: *\nDisallow: /private\n") : ScriptedTransport.ok("ok")
            case "http://missing.test":
                url.hasSuffix("/robots.txt") ? ScriptedTransport.status(404) : ScriptedTransport.ok("ok")
            case "http://broken.test":
                url.hasSuffix("/robots.txt") ? ScriptedTransport.status(503) : ScriptedTransport.ok("ok")
            default: .failure(.connection("refused"))
            }
        }
        let fetcher = Fetcher(options: options(), transport: transport)
        let denied = await fetcher.fetch("http://rules.test/private/a")
        #expect((try? denied.get()) == nil)
        if case let .failure(failure) = denied {
            #expect(failure.reason == "disallowed by robots.txt (http://rules.test/robots.txt)")
        }
        #expect((try? await fetcher.fetch("http://rules.test/public").get())?.status == 200)
        #expect((try? await fetcher.fetch("http://missing.test/a").get())?.status == 200)
        if case let .failure(failure) = await fetcher.fetch("http://broken.test/a") {
            #expect(failure.reason.contains("HTTP 503") && failure.reason.contains("treated as disallowed"))
        } else {
            Issue.record("5xx robots allowed the fetch")
        }
        if case let .failure(failure) = await fetcher.fetch("http://down.test/a") {
            #expect(failure.reason.contains("robots.txt could not be fetched"))
        } else {
            Issue.record("unreachable robots allowed the fetch")
        }
        // The page itself was never requested on a disallowed host.
        #expect(!transport.requests.contains("http://broken.test/a"))
        #expect(!transport.requests.contains("http://rules.test/private/a"))
    }

    @Test("429 with Retry-After is retried after the wait; over the cap it is set aside with the reason")
    func retryAfter() async {
        let transport = ScriptedTransport { url, _, call in
            if url.hasSuffix("/robots.txt") { return ScriptedTransport.status(404) }
            if url.hasSuffix("/busy") {
                return call == 1 ? ScriptedTransport.status(429, [("Retry-After", "1")]) : ScriptedTransport.ok("fine")
            }
            if url.hasSuffix("/later") { return ScriptedTransport.status(429, [("Retry-After", "120")]) }
            return ScriptedTransport.status(500)
        }
        let fetcher = Fetcher(options: options(), transport: transport)
        let clock = ContinuousClock()
        let started = clock.now
        #expect((try? await fetcher.fetch("http://h.test/busy").get())?.status == 200)
        #expect(clock.now - started >= .milliseconds(950))
        if case let .failure(failure) = await fetcher.fetch("http://h.test/later") {
            #expect(failure.reason == "HTTP 429; Retry-After 120 s is over the 2 s cap")
        } else {
            Issue.record("accepted")
        }
        if case let .failure(failure) = await fetcher.fetch("http://h.test/error") {
            #expect(failure.reason == "HTTP 500 after 3 tries")
        } else {
            Issue.record("accepted")
        }
        #expect(transport.requests.filter { $0 == "http://h.test/error" }.count == 3)
    }

    @Test("redirects are followed to a limit, loops are caught, and 404 is not retried")
    func redirects() async {
        let transport = ScriptedTransport { url, _, _ in
            if url.hasSuffix("/robots.txt") { return ScriptedTransport.status(404) }
            if url.hasSuffix("/old") { return ScriptedTransport.status(301, [("Location", "/new?utm_source=x")]) }
            if url.hasSuffix("/new") { return ScriptedTransport.ok("new") }
            if url.hasSuffix("/loop-a") { return ScriptedTransport.status(302, [("Location", "/loop-b")]) }
            if url.hasSuffix("/loop-b") {
                return ScriptedTransport.status(302, [("Location", "http://h.test:80/loop-a")])
            }
            if let n = Int(url.split(separator: "/").last?.dropFirst(5) ?? "") {
                return ScriptedTransport.status(302, [("Location", "/chain\(n + 1)")])
            }
            return ScriptedTransport.status(404)
        }
        let fetcher = Fetcher(options: options { $0.maxRedirects = 3 }, transport: transport)
        let moved = try? await fetcher.fetch("http://h.test/old").get()
        #expect(moved?.finalURL == "http://h.test/new")
        if case let .failure(failure) = await fetcher.fetch("http://h.test/loop-a") {
            #expect(
                failure.reason == "redirect loop: http://h.test/loop-a → http://h.test/loop-b → http://h.test/loop-a")
        } else {
            Issue.record("loop accepted")
        }
        if case let .failure(failure) = await fetcher.fetch("http://h.test/chain0") {
            #expect(failure.reason.hasPrefix("more than 3 redirects"))
        } else {
            Issue.record("chain accepted")
        }
        if case let .failure(failure) = await fetcher.fetch("http://h.test/gone") {
            #expect(failure.reason == "HTTP 404")
        } else {
            Issue.record("404 accepted")
        }
        #expect(transport.requests.filter { $0 == "http://h.test/gone" }.count == 1)
    }

    @Test("validators are sent as conditional headers and a 304 comes back as such")
    func conditional() async {
        let transport = ScriptedTransport { url, headers, _ in
            if url.hasSuffix("/robots.txt") { return ScriptedTransport.status(404) }
            let etag = headers.first { $0.name == "If-None-Match" }?.value
            return etag == "\"v1\"" ? ScriptedTransport.status(304) : ScriptedTransport.ok("feed", [("ETag", "\"v1\"")])
        }
        let fetcher = Fetcher(options: options(), transport: transport)
        let first = try? await fetcher.fetch("http://h.test/feed.xml").get()
        #expect(first?.status == 200 && first?["etag"] == "\"v1\"")
        let second = try? await fetcher.fetch(
            "http://h.test/feed.xml",
            validators: Validators(etag: "\"v1\"", lastModified: "Fri, 20 Nov 2026 06:00:00 GMT")
        ).get()
        #expect(second?.status == 304)
        let sent = transport.sentHeaders["http://h.test/feed.xml"] ?? []
        #expect(sent.contains { $0.name == "If-Modified-Since" && $0.value == "Fri, 20 Nov 2026 06:00:00 GMT" })
        #expect(sent.contains { $0.name == "User-Agent" && $0.value.hasPrefix("pipe/") })
    }

    @Test("timeouts are retried, then set aside with the reason; too large is not retried")
    func timeoutsAndSize() async {
        let transport = ScriptedTransport { url, _, _ in
            if url.hasSuffix("/robots.txt") { return ScriptedTransport.status(404) }
            if url.hasSuffix("/slow") { return .failure(.timeout("no complete answer within 30 s")) }
            return .failure(.tooLarge(20 * 1_048_576))
        }
        let fetcher = Fetcher(options: options(), transport: transport)
        if case let .failure(failure) = await fetcher.fetch("http://h.test/slow") {
            #expect(failure.reason == "timed out (no complete answer within 30 s) after 3 tries")
        } else {
            Issue.record("accepted")
        }
        if case let .failure(failure) = await fetcher.fetch("http://h.test/huge") {
            #expect(failure.reason == "larger than 20 MB; reading stopped there")
        } else {
            Issue.record("accepted")
        }
        #expect(transport.requests.filter { $0 == "http://h.test/huge" }.count == 1)
    }
}
