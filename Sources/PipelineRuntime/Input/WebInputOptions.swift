import Foundation
import PipelineKit

/// The web part of `input:`: feeds, sitemaps and pages to fetch, and how.
///
/// ```yaml
/// input:
///   feeds: [https://news.example/rss.xml]
///   sitemaps: [https://news.example/news-sitemap.xml]
///   urls: [https://other.example/story]
///   replay: replay          # the WARC folder; `pipe run --offline` reads only from it
///   window_hours: 24
///   max_per_feed: 50
/// ```
public struct WebInputOptions: Sendable, Equatable {
    public var feeds: [WebURL] = []
    public var sitemaps: [WebURL] = []
    public var urls: [WebURL] = []
    public var replay = "replay"
    public var windowHours = 24
    public var maxPerFeed = 50
    public var userAgent = "pipe/0.1 (news digest; +https://example.invalid/pipe)"
    public var perHost = 2
    public var delayMS = 500
    public var timeoutSeconds = 30
    public var connectTimeoutSeconds = 10
    public var deadlineSeconds = 600
    public var maxRedirects = 5

    public init() {}

    /// Whether anything is to be fetched.
    public var isEmpty: Bool { feeds.isEmpty && sitemaps.isEmpty && urls.isEmpty }
}

/// An absolute `http` or `https` URL in a pipeline file; anything else is an
/// error at its line and column.
public struct WebURL: OptionValue, Equatable, Hashable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public static func decode(_ node: ConfigNode) throws(OptionError) -> WebURL {
        guard let text = node.scalarText, !node.isNull else {
            throw OptionError("expected a URL, found \(node.kindDescription)")
        }
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw OptionError(
                "`\(text)` is not an http or https URL",
                help: "only http and https can be fetched; files go under `path:`")
        }
        let rest = text.dropFirst(lower.hasPrefix("https://") ? 8 : 7)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.contains(" ") else { throw OptionError("`\(text)` has no host") }
        return WebURL(text)
    }

    public static var typeName: String { "URL" }
    public static var schema: JSONValue { ["type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+"] }
    public var json: JSONValue { .string(text) }
}

extension InputOptions {
    /// The declarations of the web options, appended to `input:`'s own.
    static let webDeclarations: [OptionDeclaration<InputOptions>] = [
        .init(
            "feeds", \.web.feeds, help: "RSS or Atom feeds to fetch; each item's article page is fetched and cleaned."),
        .init(
            "sitemaps", \.web.sitemaps,
            help: "Sitemaps (news sitemaps or sitemap indexes) whose recent pages are fetched."),
        .init("urls", \.web.urls, help: "Pages to fetch as they are."),
        .init(
            "replay", \.web.replay,
            help:
                "Folder keeping every response as WARC plus an index (with ETag/Last-Modified unless the pipeline has `state:`, which keeps them); relative to the pipeline file."
        ),
        .init(
            "window_hours", \.web.windowHours, range: 1...8760,
            help:
                "Feed and sitemap items published within this many hours before the end of the run date are the day's."),
        .init(
            "max_per_feed", \.web.maxPerFeed, range: 1...10000,
            help: "At most this many items per feed or sitemap, newest first."),
        .init(
            "user_agent", \.web.userAgent, help: "Sent with every request; its first word picks the robots.txt group."),
        .init("per_host", \.web.perHost, range: 1...16, help: "Requests under way at once to one host."),
        .init(
            "delay_ms", \.web.delayMS, range: 0...60000,
            help: "Milliseconds between request starts to one host (a robots.txt Crawl-delay raises it)."),
        .init(
            "timeout", \.web.timeoutSeconds, range: 1...600,
            help: "Seconds for one URL, all tries together, connection to last byte."),
        .init(
            "connect_timeout", \.web.connectTimeoutSeconds, range: 1...600,
            help:
                "Seconds for a try to connect to the host (at most `timeout`); a host that never answers costs this per try."
        ),
        .init(
            "deadline", \.web.deadlineSeconds, range: 1...86400,
            help: "Seconds for the whole fetch phase; URLs not fetched by then are set aside."),
        .init(
            "max_redirects", \.web.maxRedirects, range: 0...20, help: "Redirects followed before a URL is set aside."),
    ]
}
