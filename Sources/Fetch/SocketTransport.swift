import Foundation
import PipelineKit
import PipelineRuntime
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``HTTPTransport`` for plain `http` on POSIX sockets, HTTP/1.1, one
/// connection per request.
///
/// Written for the limits URLSession cannot keep on Linux: libcurl there
/// decodes gzip itself and hands the decoded bytes on a queue, so a gzip bomb
/// or a 1 GB body is read (and buffered) long after the task is cancelled.
/// Here reading stops at ``TransportLimits/maxBytes`` of the body as sent, and
/// a gzip or deflate body is inflated by the readers' own bounded inflater, so
/// a bomb stops at the same limit as a file. The response's bytes as received
/// (``TransportResponse/wire``) go to the replay folder's WARC record. The connect wait
/// (``TransportLimits/connectTimeout``) and idle waits use `poll`, the whole
/// request a deadline. (Name resolution is `getaddrinfo`, which has no timeout.) `http_proxy` (and `no_proxy`) are honoured.
public final class SocketTransport: HTTPTransport {
    private let environment: [String: String]
    private let queue = DispatchQueue(label: "pipe.fetch.sockets", attributes: .concurrent)

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func get(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits) async
        -> Result<TransportResponse, TransportError>
    {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.perform(url, headers: headers, limits: limits))
            }
        }
    }

    /// The proxy for `host`, from `http_proxy`/`HTTP_PROXY` unless `no_proxy` lists the host.
    func proxy(for host: String) -> (host: String, port: Int)? {
        guard let value = environment["http_proxy"] ?? environment["HTTP_PROXY"], !value.isEmpty else { return nil }
        let exclusions = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for exclusion in exclusions where !exclusion.isEmpty {
            let bare = exclusion.hasPrefix(".") ? String(exclusion.dropFirst()) : exclusion
            if exclusion == "*" || host == bare || host.hasSuffix("." + bare) { return nil }
        }
        let address = value.contains("://") ? value : "http://" + value
        guard let parsed = Self.split(address) else { return nil }
        return (parsed.host, parsed.port)
    }

    /// Host, port and request target of an http URL.
    static func split(_ url: String) -> (host: String, port: Int, target: String)? {
        guard url.lowercased().hasPrefix("http://") else { return nil }
        let rest = url.dropFirst(7)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = number
        }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        return (host, port, target)
    }

    private func perform(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits)
        -> Result<TransportResponse, TransportError>
    {
        guard let parts = Self.split(url) else { return .failure(.connection("not an http URL: \(url)")) }
        let deadline = Date().addingTimeInterval(limits.totalTimeout)
        let proxy = proxy(for: parts.host)
        let connection: Connection
        switch Connection.open(
            host: proxy?.host ?? parts.host, port: proxy?.port ?? parts.port, deadline: deadline,
            connectTimeout: limits.connectTimeout)
        {
        case let .success(opened): connection = opened
        case let .failure(error): return .failure(error)
        }
        defer { connection.close() }
        let hostHeader = parts.port == 80 ? parts.host : "\(parts.host):\(parts.port)"
        var request = "GET \(proxy == nil ? parts.target : url) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
        if let error = connection.send(Array(request.utf8), deadline: deadline, idle: limits.idleTimeout) {
            return .failure(error)
        }

        // Status line and headers (at most 64 KiB).
        var buffer: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            switch connection.receive(deadline: deadline, idle: limits.idleTimeout) {
            case let .failure(error): return .failure(error)
            case let .success(chunk):
                if chunk.isEmpty { return .failure(.connection("the server closed the connection before answering")) }
                let searchFrom = max(0, buffer.count - 3)
                buffer += chunk
                headerEnd = Self.find([13, 10, 13, 10], in: buffer, from: searchFrom)
                if headerEnd == nil, buffer.count > 65536 {
                    return .failure(.connection("response headers over 64 KiB"))
                }
            }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let statusParts = statusLine.split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            return .failure(.connection("not an HTTP response: `\(statusLine.prefix(40))`"))
        }
        var responseHeaders: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            responseHeaders.append(
                (
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        func header(_ name: String) -> String? {
            responseHeaders.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        let rawHead = buffer[0..<(headerEnd! + 4)]
        var rest = Array(buffer[(headerEnd! + 4)...])
        var rawBody: [UInt8] = []
        let chunked = header("Transfer-Encoding")?.lowercased().contains("chunked") == true
        let length = header("Content-Length").flatMap { Int($0) }
        if let length, length > limits.maxBytes { return .failure(.tooLarge(limits.maxBytes)) }
        var body: [UInt8] = []
        if status == 304 || status == 204 || (100...199).contains(status) {
            body = []
        } else if chunked {
            switch readChunked(&rest, connection: connection, deadline: deadline, limits: limits) {
            case let .failure(error): return .failure(error)
            case let .success(read):
                body = read.data
                rawBody = read.raw
            }
        } else {
            body = rest
            while length.map({ body.count < $0 }) ?? true {
                if body.count > limits.maxBytes { return .failure(.tooLarge(limits.maxBytes)) }
                switch connection.receive(deadline: deadline, idle: limits.idleTimeout) {
                case let .failure(error): return .failure(error)
                case let .success(chunk):
                    if chunk.isEmpty {
                        if let length, body.count < length {
                            return .failure(
                                .connection("the server closed the connection after \(body.count) of \(length) bytes"))
                        }
                        break
                    }
                    body += chunk
                    continue
                }
                break
            }
            if let length, body.count > length { body.removeLast(body.count - length) }
            if body.count > limits.maxBytes { return .failure(.tooLarge(limits.maxBytes)) }
            rawBody = body
        }
        var data = Data(body)
        if let encoding = header("Content-Encoding")?.lowercased(),
            encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate"
        {
            switch WebPageDecoding.inflate(data, limit: limits.maxBytes) {
            case let .success(inflated): data = inflated
            case let .failure(failure):
                if failure.message.hasPrefix("decompresses to more") { return .failure(.tooLarge(limits.maxBytes)) }
                return .failure(.connection(failure.message))
            }
        }
        return .success(
            TransportResponse(status: status, headers: responseHeaders, body: data, wire: Data(rawHead) + Data(rawBody))
        )
    }

    /// A chunked body: its data, and the bytes as received (chunk framing kept) for the WARC record.
    private func readChunked(_ pending: inout [UInt8], connection: Connection, deadline: Date, limits: TransportLimits)
        -> Result<(data: [UInt8], raw: [UInt8]), TransportError>
    {
        var body: [UInt8] = []
        var raw = pending
        var position = 0
        func need(_ count: Int) -> TransportError? {
            while pending.count - position < count {
                switch connection.receive(deadline: deadline, idle: limits.idleTimeout) {
                case let .failure(error): return error
                case let .success(chunk):
                    if chunk.isEmpty { return .connection("the server closed the connection inside a chunked body") }
                    pending += chunk
                    raw += chunk
                }
            }
            return nil
        }
        while true {
            var lineEnd: Int?
            while lineEnd == nil {
                lineEnd = Self.find([13, 10], in: pending, from: position)
                if lineEnd == nil {
                    if pending.count - position > 1024 { return .failure(.connection("bad chunk size line")) }
                    if let error = need(pending.count - position + 1) { return .failure(error) }
                }
            }
            let sizeText =
                String(decoding: pending[position..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                return .failure(.connection("bad chunk size `\(sizeText)`"))
            }
            position = lineEnd! + 2
            if size == 0 { return .success((body, raw)) }
            if body.count + size > limits.maxBytes { return .failure(.tooLarge(limits.maxBytes)) }
            if let error = need(size + 2) { return .failure(error) }
            body += pending[position..<position + size]
            position += size + 2
            if position > 1 << 20 {
                pending.removeFirst(position)
                position = 0
            }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = max(0, start)
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// One TCP connection with deadline-bounded waits.
private struct Connection {
    let descriptor: Int32

    static func open(host: String, port: Int, deadline: Date, connectTimeout: Double) -> Result<
        Connection, TransportError
    > {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(.connection("cannot resolve \(host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            current = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd < 0 { continue }
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var noSigPipe: Int32 = 1
            #if canImport(Darwin)
                setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
            #else
                _ = noSigPipe
            #endif
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                let wait = min(connectTimeout, deadline.timeIntervalSinceNow)
                switch Self.poll(fd, events: Int16(POLLOUT), seconds: wait) {
                case .ready:
                    var error: Int32 = 0
                    var size = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
                    if error == 0 { return .success(Connection(descriptor: fd)) }
                    lastError = String(cString: strerror(error))
                case .timeout:
                    Glibc_close(fd)
                    return .failure(.timeout("no connection within \(URLSessionTransport.seconds(max(0, wait)))"))
                case .failed:
                    lastError = String(cString: strerror(errno))
                }
            } else {
                lastError = String(cString: strerror(errno))
            }
            Glibc_close(fd)
        }
        return .failure(.connection("cannot connect to \(host):\(port): \(lastError)"))
    }

    enum PollResult { case ready, timeout, failed }

    static func poll(_ fd: Int32, events: Int16, seconds: Double) -> PollResult {
        guard seconds > 0 else { return .timeout }
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let result = Glibc_poll(&descriptor, 1, Int32(min(seconds, 86400) * 1000))
            if result > 0 { return .ready }
            if result == 0 { return .timeout }
            if errno != EINTR { return .failed }
        }
    }

    func send(_ bytes: [UInt8], deadline: Date, idle: Double) -> TransportError? {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { raw in
                Glibc_send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL_FLAG))
            }
            if count > 0 {
                sent += count
                continue
            }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                switch Self.poll(descriptor, events: Int16(POLLOUT), seconds: min(idle, deadline.timeIntervalSinceNow))
                {
                case .ready: continue
                case .timeout: return .timeout("could not send the request in time")
                case .failed: return .connection(String(cString: strerror(errno)))
                }
            }
            return .connection("send failed: \(String(cString: strerror(errno)))")
        }
        return nil
    }

    /// The next bytes; empty when the server closed the connection.
    func receive(deadline: Date, idle: Double) -> Result<[UInt8], TransportError> {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress, raw.count, 0) }
            if count >= 0 { return .success(Array(buffer[0..<count])) }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                return .failure(.connection(String(cString: strerror(errno))))
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .failure(.timeout("no complete answer in time")) }
            switch Self.poll(descriptor, events: Int16(POLLIN), seconds: min(idle, left)) {
            case .ready: continue
            case .timeout:
                return .failure(
                    .timeout(
                        left <= idle ? "no complete answer in time" : "no data for \(URLSessionTransport.seconds(idle))"
                    ))
            case .failed: return .failure(.connection(String(cString: strerror(errno))))
            }
        }
    }

    func close() {
        Glibc_close(descriptor)
    }
}

#if canImport(Glibc)
    private let MSG_NOSIGNAL_FLAG = Int32(MSG_NOSIGNAL)
    private func Glibc_close(_ fd: Int32) { _ = Glibc.close(fd) }
    private func Glibc_poll(_ fds: UnsafeMutablePointer<pollfd>, _ count: Int, _ timeout: Int32) -> Int32 {
        Glibc.poll(fds, nfds_t(count), timeout)
    }
    private func Glibc_send(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
        Glibc.send(fd, buffer, count, flags)
    }
#else
    private let MSG_NOSIGNAL_FLAG: Int32 = 0
    private func Glibc_close(_ fd: Int32) { _ = Darwin.close(fd) }
    private func Glibc_poll(_ fds: UnsafeMutablePointer<pollfd>, _ count: Int, _ timeout: Int32) -> Int32 {
        Darwin.poll(fds, nfds_t(count), timeout)
    }
    private func Glibc_send(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
        Darwin.send(fd, buffer, count, flags)
    }
#endif

/// Plain `http` on ``SocketTransport`` (limits kept to the byte), `https` on
/// ``URLSessionTransport`` (TLS from the system; its body limit is checked as
/// decoded bytes arrive, which libcurl may overrun before the cancel lands).
public final class DefaultTransport: HTTPTransport {
    private let plain = SocketTransport()
    private let secure: URLSessionTransport

    public init(connectionsPerHost: Int) {
        secure = URLSessionTransport(connectionsPerHost: connectionsPerHost)
    }

    public func get(_ url: String, headers: [(name: String, value: String)], limits: TransportLimits) async
        -> Result<TransportResponse, TransportError>
    {
        url.lowercased().hasPrefix("https://")
            ? await secure.get(url, headers: headers, limits: limits)
            : await plain.get(url, headers: headers, limits: limits)
    }
}
