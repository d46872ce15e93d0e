import Foundation

/// How politely and how patiently the fetcher works. Defaults keep one slow
/// page from holding a run more than about 30 seconds.
public struct FetchOptions: Sendable, Equatable {
    /// Sent with every request; its product token (`pipe`) picks the robots.txt group.
    public var userAgent = "pipe/0.1 (news digest; +https://example.invalid/pipe)"
    /// Requests under way at once to one host.
    public var perHost = 2
    /// Seconds between the starts of two requests to one host (raised by a robots.txt `Crawl-delay`).
    public var delay = 0.5
    /// The longest `Crawl-delay` honoured; a site asking more gets this.
    public var maxCrawlDelay = 10.0
    /// Requests under way at once, all hosts together.
    public var maxConcurrent = 32
    /// Seconds to establish the connection (TCP handshake; over https, see
    /// ``URLSessionTransport``) before a try is abandoned: a host that never
    /// answers costs this, not the whole ``totalTimeout``, per try.
    public var connectTimeout = 10.0
    /// Seconds without progress once connected before a try is abandoned.
    public var idleTimeout = 10.0
    /// Seconds for one try, first byte to last.
    public var totalTimeout = 30.0
    /// Seconds for the whole fetch phase; what has not started by then is set aside.
    public var deadline = 600.0
    /// Body bytes (after gzip/deflate decoding) before reading stops.
    public var maxBytes = 20 * 1_048_576
    public var maxRedirects = 5
    public var retry = RetryPolicy()
    /// Obey robots.txt (turning it off is for tests of one's own server only).
    public var robots = true

    public init() {}
}
