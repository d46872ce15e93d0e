import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// ``HTTPTransport`` on Foundation's URLSession (libcurl on Linux): no package
/// to build, proxies taken from `http_proxy`/`https_proxy`/`no_proxy` by
/// libcurl, gzip and deflate bodies decoded as they arrive (the byte limit
/// counts decoded bytes, so a gzip bomb stops at the limit like a file does).
///
/// URLSession on Linux offers no connect timeout of its own (its request
/// timeout is a no-progress timer for the whole exchange), so over https the
/// connect wait is bounded by the smaller of ``TransportLimits/connectTimeout``
/// and ``TransportLimits/idleTimeout`` as the request's no-progress timeout:
/// the connect timeout then also bounds a silence later in the exchange.
public final class URLSessionTransport: NSObject, HTTPTransport, URLSessionDataDelegate, @unchecked Sendable {
    private final class Pending {
        let continuation: CheckedContinuation<Result<TransportResponse, TransportError>, Never>
        let limits: TransportLimits
        var response: HTTPURLResponse?
        var body = Data()
        var failure: TransportError?
        var finished = false

        init(
            continuation: CheckedContinuation<Result<TransportResponse, TransportError>, Never>, limits: TransportLimits
        ) {
            self.continuation = continuation
            self.limits = limits
        }
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    private var session: URLSession!
    private let timerQueue = DispatchQueue(label: "pipe.fetch.timeouts")

    /// A transport allowing `connectionsPerHost` connections to each host (the fetcher's own limit is the real one).
    public init(connectionsPerHost: Int) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, connectionsPerHost)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    /// Ends the session; requests under way are cancelled.
    public func invalidate() {
        session.invalidateAndCancel()
    }

    public func get(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits) async
        -> Result<TransportResponse, TransportError>
    {
        guard let address = URL(string: url) else { return .failure(.connection("bad URL `\(url)`")) }
        var request = URLRequest(
            url: address, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: min(limits.connectTimeout, limits.idleTimeout))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation, limits: limits) }
            timerQueue.asyncAfter(deadline: .now() + limits.totalTimeout) { [weak self, weak task] in
                guard let self, let task else { return }
                self.fail(task, .timeout("no complete answer within \(Self.seconds(limits.totalTimeout))"))
            }
            task.resume()
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Records why `task` is ending and cancels it; the completion callback resumes the caller.
    private func fail(_ task: URLSessionTask, _ failure: TransportError) {
        let cancel: Bool = lock.withLock {
            guard let entry = pending[task.taskIdentifier], !entry.finished, entry.failure == nil else { return false }
            entry.failure = failure
            return true
        }
        if cancel { task.cancel() }
    }

    public func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        var tooLarge: Int?
        lock.withLock {
            guard let entry = pending[dataTask.taskIdentifier] else { return }
            entry.response = http
            if response.expectedContentLength > Int64(entry.limits.maxBytes),
                http?.value(forHTTPHeaderField: "Content-Encoding") == nil
            {
                tooLarge = entry.limits.maxBytes
            }
        }
        if let tooLarge {
            fail(dataTask, .tooLarge(tooLarge))
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        var tooLarge: Int?
        lock.withLock {
            guard let entry = pending[dataTask.taskIdentifier], entry.failure == nil else { return }
            if entry.body.count + data.count > entry.limits.maxBytes {
                tooLarge = entry.limits.maxBytes
            } else {
                entry.body.append(data)
            }
        }
        if let tooLarge { fail(dataTask, .tooLarge(tooLarge)) }
    }

    public func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // The fetcher follows redirects itself, checking robots.txt and the hop count.
        completionHandler(nil)
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let entry: Pending? = lock.withLock {
            guard let entry = pending.removeValue(forKey: task.taskIdentifier), !entry.finished else { return nil }
            entry.finished = true
            return entry
        }
        guard let entry else { return }
        if let failure = entry.failure {
            entry.continuation.resume(returning: .failure(failure))
            return
        }
        if let error {
            let ns = error as NSError
            if ns.domain == NSURLErrorDomain, ns.code == NSURLErrorTimedOut {
                let silence = min(entry.limits.connectTimeout, entry.limits.idleTimeout)
                entry.continuation.resume(
                    returning: .failure(.timeout("no connection or no progress for \(Self.seconds(silence))")))
            } else if ns.domain == NSURLErrorDomain, ns.code == NSURLErrorCancelled {
                entry.continuation.resume(returning: .failure(.cancelled))
            } else {
                entry.continuation.resume(returning: .failure(.connection(ns.localizedDescription)))
            }
            return
        }
        guard let response = entry.response else {
            entry.continuation.resume(returning: .failure(.connection("no HTTP response")))
            return
        }
        var headers: [(name: String, value: String)] = []
        for (name, value) in response.allHeaderFields {
            headers.append((String(describing: name), String(describing: value)))
        }
        headers.sort { $0.name.lowercased() < $1.name.lowercased() }
        entry.continuation.resume(
            returning: .success(TransportResponse(status: response.statusCode, headers: headers, body: entry.body)))
    }
}
