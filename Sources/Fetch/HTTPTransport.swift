import Foundation

/// One HTTP GET as the fetcher needs it: no redirects followed (the fetcher
/// follows them itself, checking each hop), a total time limit, and a body
/// limit that stops reading.
public protocol HTTPTransport: Sendable {
    func get(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits) async
        -> Result<TransportResponse, TransportError>
}

/// The limits of one request.
public struct TransportLimits: Sendable, Equatable {
    /// Seconds to establish the connection before giving up.
    public var connectTimeout: Double
    /// Seconds without progress once connected before giving up.
    public var idleTimeout: Double
    /// Seconds for the whole request, connecting included, first byte to last.
    public var totalTimeout: Double
    /// Bytes of body (after content decoding) before reading stops.
    public var maxBytes: Int

    public init(connectTimeout: Double = 10, idleTimeout: Double, totalTimeout: Double, maxBytes: Int) {
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.maxBytes = maxBytes
    }
}

/// A response as received.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body, content encoding (gzip, deflate) already undone.
    public var body: Data
    /// The response exactly as it came over the wire (status line, headers,
    /// body with its transfer and content codings), for the WARC record; nil
    /// when the transport cannot see it (URLSession hands over decoded bodies).
    public var wire: Data?

    public init(status: Int, headers: [(name: String, value: String)], body: Data, wire: Data? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.wire = wire
    }

    public subscript(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why a request produced no response.
public enum TransportError: Error, Sendable, Equatable {
    /// No progress for the idle timeout, or the total timeout passed.
    case timeout(String)
    /// DNS, refused or reset connections, TLS.
    case connection(String)
    /// The body grew past the limit; reading stopped there.
    case tooLarge(Int)
    case cancelled
}
