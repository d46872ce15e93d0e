import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 that speaks the shape of an
/// OpenAI-compatible `POST /v1/chat/completions`, for testing `engine: llm`
/// without a model. It answers every request with `reply` (or with
/// `status` and no completion), records the request bodies, and closes each
/// connection after one response.
final class LoopbackChatServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let reply: String
    private let status: Int
    private let lock = NSLock()
    private var bodies: [String] = []
    private var thread: Thread?

    init(reply: String, status: Int = 200) throws {
        self.reply = reply
        self.status = status
        #if canImport(Glibc)
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in self.serve() }
        self.thread = thread
        thread.start()
    }

    /// The API root to configure `llm_base_url` with.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The JSON bodies received so far.
    var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return bodies
    }

    private var stopped = false

    /// Stops listening. Safe to call more than once: the socket is closed
    /// exactly once, because a second `close` would close whatever file the
    /// process opened with the same descriptor number in between (in a
    /// parallel test run, another test's pipe).
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var expected: Int?
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            let text = String(decoding: data, as: UTF8.self)
            if expected == nil, let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = text[..<end.upperBound].utf8.count + length
            }
            if let expected, data.count >= expected { break }
        }
        let text = String(decoding: data, as: UTF8.self)
        if let end = text.range(of: "\r\n\r\n") {
            lock.lock()
            bodies.append(String(text[end.upperBound...]))
            lock.unlock()
        }
        let body: String
        if status == 200 {
            let content = reply.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            body = """
                {"id":"chatcmpl-test","object":"chat.completion","model":"test",\
                "choices":[{"index":0,"message":{"role":"assistant","content":"\(content)"},"finish_reason":"stop"}]}
                """
        } else {
            body = #"{"error":{"message":"model not loaded"}}"#
        }
        let response =
            "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        _ = response.withCString { write(client, $0, strlen($0)) }
    }
}
