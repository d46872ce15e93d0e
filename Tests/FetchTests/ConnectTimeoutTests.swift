import Foundation
import Testing
@testable import Fetch
#if canImport(Glibc)
    import Glibc
#endif

#if os(Linux)
    /// A loopback listener that never completes another handshake: its backlog is
    /// 0 and one connection already fills it, so Linux drops every further SYN and
    /// a client's connect waits until it gives up, as with a host that never answers.
    final class FullBacklogListener {
        let port: Int
        private let listener: Int32
        private let filler: Int32

        init() throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.listener = listener
            self.filler = filler
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(listener, pointer, length) == 0 && listen(listener, 0) == 0
                        && getsockname(listener, pointer, &length) == 0
                }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
            guard bound else { throw POSIXError(.EADDRINUSE) }
            // The one connection the backlog holds; never accepted.
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) == 0 }
            }
            guard connected else { throw POSIXError(.ECONNREFUSED) }
        }

        deinit {
            close(filler)
            close(listener)
        }
    }

    @Suite("connect timeout")
    struct ConnectTimeoutTests {
        @Test("a host that never completes the handshake ends the try at the connect timeout, not the total")
        func transportConnectTimeout() async throws {
            let listener = try FullBacklogListener()
            let started = ContinuousClock.now
            let result = await SocketTransport(environment: [:]).get(
                "http://127.0.0.1:\(listener.port)/", headers: [],
                limits: TransportLimits(connectTimeout: 0.5, idleTimeout: 10, totalTimeout: 10, maxBytes: 1 << 20))
            let elapsed = (ContinuousClock.now - started).seconds
            #expect(result.failure == .timeout("no connection within 0.5 s"))
            // The reason names the wait used (the idle or total timeout would say 10 s); no upper bound
            // on the clock: under a busy test run the transport's queue may start late.
            #expect(elapsed >= 0.45, "gave up after \(elapsed) s")
        }

        @Test(
            "through the fetcher, such a host is set aside as timed out after its tries, each within the connect timeout"
        )
        func fetcherConnectTimeout() async throws {
            let listener = try FullBacklogListener()
            var options = FetchOptions()
            options.robots = false
            options.delay = 0
            options.connectTimeout = 0.3
            options.totalTimeout = 600
            options.retry = RetryPolicy(maxAttempts: 2, baseDelay: 0.1)
            let result = await Fetcher(options: options, transport: SocketTransport(environment: [:]))
                .fetch("http://127.0.0.1:\(listener.port)/page")
            // Each try ended at the 0.3 s connect timeout (the idle timeout would say 10 s).
            #expect(result.failure?.reason == "timed out (no connection within 0.3 s) after 2 tries")
        }
    }

    extension Result {
        var failure: Failure? {
            if case let .failure(failure) = self { return failure }
            return nil
        }
    }
#endif
