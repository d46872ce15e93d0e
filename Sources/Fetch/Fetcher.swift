import Foundation
import PipelineKit
import PipelineRuntime

/// A page fetched: the final response, and how it was asked for.
public struct FetchedPage: Sendable {
    /// The canonical URL asked for.
    public var url: String
    /// Where the content came from after redirects.
    public var finalURL: String
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The request headers sent for the final response.
    public var requestHeaders: [(name: String, value: String)]
    public var fetchedAt: Date
    /// The final response as received on the wire, when the transport gives it (``TransportResponse/wire``).
    public var wire: Data? = nil

    public subscript(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why a URL was not fetched: the reason goes to the rejects file as is.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "\(url): \(reason)" }
}

/// Fetches pages politely: robots.txt (cached per host; 4xx allows all, 5xx or
/// no answer disallows all), at most ``FetchOptions/perHost`` requests per host
/// with ``FetchOptions/delay`` between starts, retries by ``RetryPolicy``,
/// redirects followed by hand (each hop checked, loops and long chains
/// stopped), and an overall deadline. Waiting for one host never holds a slot
/// another host could use: a request takes its host's slot before a global one.
public final class Fetcher: Sendable {
    public let options: FetchOptions
    private let transport: any HTTPTransport
    private let hosts = HostTable()
    private let global: AsyncGate
    private let deadline: ContinuousClock.Instant

    public init(options: FetchOptions, transport: any HTTPTransport) {
        self.options = options
        self.transport = transport
        self.global = AsyncGate(capacity: options.maxConcurrent)
        self.deadline = .now + .milliseconds(Int(options.deadline * 1000))
    }

    /// Fetches `url` (canonical), sending `validators` if given; a 304 comes back as a page with status 304.
    public func fetch(_ url: String, validators: Validators? = nil) async -> Result<FetchedPage, FetchFailure> {
        var current = url
        var chain = [url]
        for _ in 0...options.maxRedirects {
            guard current.hasPrefix("http://") || current.hasPrefix("https://") else {
                return .failure(FetchFailure(url: url, reason: "redirected to a non-http(s) URL `\(current)`"))
            }
            let host = URLCanonicalizer.hostKey(current)
            let gate = await hosts.gate(for: host, options: options)
            if options.robots, URLCanonicalizer.pathAndQuery(current) != "/robots.txt" {
                let robots = await robotsTxt(host: host, gate: gate)
                if !robots.rules.isAllowed(URLCanonicalizer.pathAndQuery(current), userAgent: options.userAgent) {
                    return .failure(FetchFailure(url: url, reason: "disallowed by robots.txt (\(robots.why))"))
                }
            }
            var headers: [(name: String, value: String)] = [
                ("User-Agent", options.userAgent),
                (
                    "Accept",
                    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8"
                ),
            ]
            if current == url, let validators {
                if let etag = validators.etag { headers.append(("If-None-Match", etag)) }
                if let modified = validators.lastModified { headers.append(("If-Modified-Since", modified)) }
            }
            let result = await request(current, headers: headers, gate: gate, maxBytes: options.maxBytes)
            guard case let .success(response) = result else {
                if case let .failure(reason) = result { return .failure(FetchFailure(url: url, reason: reason.text)) }
                continue
            }
            if [301, 302, 303, 307, 308].contains(response.status), let location = response["Location"] {
                guard let next = URLCanonicalizer.resolve(location, against: current) else {
                    return .failure(FetchFailure(url: url, reason: "redirected to an unusable address `\(location)`"))
                }
                if chain.contains(next) {
                    return .failure(
                        FetchFailure(url: url, reason: "redirect loop: " + (chain + [next]).joined(separator: " → ")))
                }
                chain.append(next)
                current = next
                continue
            }
            if !(200...299).contains(response.status) && response.status != 304 {
                return .failure(FetchFailure(url: url, reason: "HTTP \(response.status)"))
            }
            return .success(
                FetchedPage(
                    url: url, finalURL: current, status: response.status, headers: response.headers,
                    body: response.body, requestHeaders: headers, fetchedAt: Date(), wire: response.wire))
        }
        return .failure(
            FetchFailure(
                url: url, reason: "more than \(options.maxRedirects) redirects: " + chain.joined(separator: " → ")))
    }

    /// One request with its retries: the response (any status not worth retrying), or the reason to give up.
    private func request(_ url: String, headers: [(name: String, value: String)], gate: AsyncGate, maxBytes: Int) async
        -> Result<TransportResponse, Reason>
    {
        var attempt = 0
        // One URL's tries share one time budget, so a slow page holds the run at most `totalTimeout`.
        var budgetEnd: ContinuousClock.Instant?
        while true {
            attempt += 1
            guard ContinuousClock.now < deadline else {
                return .failure(
                    Reason(
                        "the fetch deadline (\(URLSessionTransport.seconds(options.deadline))) passed before this URL was fetched"
                    ))
            }
            await gate.acquire()
            await global.acquire()
            let end = min(deadline, budgetEnd ?? ContinuousClock.now + .milliseconds(Int(options.totalTimeout * 1000)))
            budgetEnd = end
            let limits = TransportLimits(
                connectTimeout: options.connectTimeout, idleTimeout: options.idleTimeout,
                totalTimeout: max(0.1, (end - ContinuousClock.now).seconds),
                maxBytes: maxBytes)
            let result = await transport.get(url, headers: headers, limits: limits)
            await global.release()
            await gate.release()
            let outcome: RetryPolicy.Outcome
            let reason: String
            switch result {
            case let .success(response):
                guard response.status == 429 || (500...599).contains(response.status) else { return .success(response) }
                outcome = .status(response.status, retryAfter: response["Retry-After"])
                reason = "HTTP \(response.status)"
            case let .failure(.timeout(why)):
                outcome = .timeout
                reason = "timed out (\(why))"
            case let .failure(.connection(why)):
                outcome = .connectionFailed
                reason = "connection failed (\(why))"
            case let .failure(.tooLarge(limit)):
                return .failure(
                    Reason(
                        "larger than \(limit / 1_048_576 > 0 ? "\(limit / 1_048_576) MB" : "\(limit) bytes"); reading stopped there"
                    ))
            case .failure(.cancelled):
                return .failure(Reason("cancelled"))
            }
            switch options.retry.decide(after: outcome, attempt: attempt) {
            case let .retry(after: wait):
                let left = ((budgetEnd ?? deadline) - ContinuousClock.now).seconds
                guard wait < left else {
                    let tries = attempt > 1 ? " after \(attempt) tries" : ""
                    return .failure(
                        Reason(
                            "\(reason)\(tries); no time left to retry within \(URLSessionTransport.seconds(options.totalTimeout)) for this URL"
                        ))
                }
                try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            case let .giveUp(extra):
                let tries = attempt > 1 ? " after \(attempt) tries" : ""
                return .failure(Reason(reason + tries + (extra.map { "; \($0)" } ?? "")))
            }
        }
    }

    /// The host's robots.txt, fetched once per run; what to say when it disallows.
    private func robotsTxt(host: String, gate: AsyncGate) async -> (rules: RobotsTxt, why: String) {
        let entry = await hosts.robots(for: host) {
            await self.loadRobots(host: host, gate: gate)
        }
        return entry
    }

    private func loadRobots(host: String, gate: AsyncGate) async -> (rules: RobotsTxt, why: String) {
        var url = host + "/robots.txt"
        let headers: [(name: String, value: String)] = [("User-Agent", options.userAgent)]
        for _ in 0..<5 {
            let result = await request(url, headers: headers, gate: gate, maxBytes: RobotsTxt.parseLimit)
            switch result {
            case let .success(response) where (300...399).contains(response.status):
                guard let location = response["Location"], let next = URLCanonicalizer.resolve(location, against: url)
                else {
                    return (.allowAll, "")
                }
                url = next
                continue
            case let .success(response) where (200...299).contains(response.status):
                let robots = RobotsTxt(parsing: String(decoding: response.body, as: UTF8.self))
                if let crawlDelay = robots.crawlDelay(for: options.userAgent) {
                    await gate.space(atLeast: min(crawlDelay, options.maxCrawlDelay))
                }
                return (robots, "\(host)/robots.txt")
            case let .success(response) where (400...499).contains(response.status):
                return (.allowAll, "")
            case let .success(response):
                return (
                    .disallowAll,
                    "\(host)/robots.txt answered HTTP \(response.status): the host is treated as disallowed"
                )
            case let .failure(failure):
                let reason = failure.text
                if reason.hasPrefix("larger than") {
                    return (.allowAll, "")
                }
                return (
                    .disallowAll,
                    "\(host)/robots.txt could not be fetched (\(reason)): the host is treated as disallowed"
                )
            }
        }
        return (.allowAll, "")
    }
}

/// A reason to give up on a request.
struct Reason: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// Per-host gates and robots.txt, created on first use.
private actor HostTable {
    private var gates: [String: AsyncGate] = [:]
    private var robots: [String: Task<(rules: RobotsTxt, why: String), Never>] = [:]

    func gate(for host: String, options: FetchOptions) -> AsyncGate {
        if let gate = gates[host] { return gate }
        let gate = AsyncGate(capacity: options.perHost, spacing: options.delay)
        gates[host] = gate
        return gate
    }

    func robots(for host: String, load: @escaping @Sendable () async -> (rules: RobotsTxt, why: String)) async
        -> (rules: RobotsTxt, why: String)
    {
        if let task = robots[host] { return await task.value }
        let task = Task { await load() }
        robots[host] = task
        return await task.value
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
