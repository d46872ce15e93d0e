import Foundation
import Testing
@testable import Fetch
@testable import PipelineKit
@testable import PipelineRuntime
#if canImport(Glibc)
    import Glibc
#endif

#if os(Linux)
    /// A loopback server that answers one request with `response`, byte for byte, then closes.
    final class OneShotServer: @unchecked Sendable {
        let port: Int
        private let listener: Int32

        init(response: Data) throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.listener = listener
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(listener, pointer, length) == 0 && listen(listener, 4) == 0
                        && getsockname(listener, pointer, &length) == 0
                }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
            guard bound else { throw POSIXError(.EADDRINUSE) }
            Thread.detachNewThread {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                var request: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
                    let count = recv(client, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    request += buffer[0..<count]
                }
                _ = response.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
            }
        }

        deinit { close(listener) }
    }

    @Suite("WARC records hold the response as received")
    struct RawWireTests {
        static let page = Data(
            String(repeating: "<p>The ferry runs again from Monday, the harbour office said.</p>\n", count: 200).utf8)

        /// A chunked, gzip-encoded response with headers in the server's own case and order.
        static func chunkedGzipResponse() throws -> Data {
            let gzip = try WARCWriter.gzipMember(page)
            var body = Data()
            var start = 0
            while start < gzip.count {
                let piece = gzip[start..<min(start + 700, gzip.count)]
                body += Data("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Data("\r\n".utf8)
                start += 700
            }
            body += Data("0\r\n\r\n".utf8)
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Encoding: gzip\r\nETag: \"w1\"\r\nConnection: close\r\n\r\n"
            return Data(head.utf8) + body
        }

        @Test("the socket transport hands over the response's bytes as received beside the decoded body")
        func transportWire() async throws {
            let sent = try Self.chunkedGzipResponse()
            let server = try OneShotServer(response: sent)
            let result = await SocketTransport(environment: [:]).get(
                "http://127.0.0.1:\(server.port)/page", headers: [],
                limits: TransportLimits(connectTimeout: 2, idleTimeout: 2, totalTimeout: 5, maxBytes: 1 << 20))
            let response = try result.get()
            #expect(response.body == Self.page)
            #expect(response.wire == sent)
        }

        func page(wire: Data?, body: Data = RawWireTests.page, headers: [(name: String, value: String)] = [])
            -> FetchedPage
        {
            FetchedPage(
                url: "http://a.test/page", finalURL: "http://a.test/page", status: 200, headers: headers, body: body,
                requestHeaders: [("User-Agent", "pipe")], fetchedAt: Date(timeIntervalSince1970: 1_795_000_000),
                wire: wire)
        }

        func record(_ folder: URL, type: String = "response") throws -> WARCRecord? {
            let reader = try WARCReader(
                url: folder.appendingPathComponent("fetch-2026-11-20.warc.gz"), maxRecordBytes: 1 << 24)
            while case let .record(record, _)? = reader.next() {
                if record.type == type { return record }
            }
            return nil
        }

        @Test(
            "the replay folder keeps the bytes received (gzip still compressed) and replays them decoded, online and offline alike"
        )
        func replayKeepsWire() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let wire = try Self.chunkedGzipResponse()
            let store = try ReplayStore(folder: folder, runDate: "2026-11-20", maxBytes: 1 << 20)
            let live = try store.keep(page(wire: wire, headers: [("Content-Encoding", "gzip")]))
            try store.save()
            let kept = try #require(try record(folder))
            #expect(kept.block == wire)
            #expect(kept["Pipe-Payload-Note"] == nil)
            #expect(live.message.body == Self.page)
            #expect(live.message["Content-Encoding"] == "gzip" && live.message.headers.first?.name == "content-type")

            let offline = try #require(
                try ReplayStore(folder: folder, runDate: "2026-11-20", maxBytes: 1 << 20).stored("http://a.test/page"))
            #expect(offline.message == live.message)
        }

        @Test("a kept gzip body is inflated on replay only up to the files' limit")
        func replayBombLimit() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let wire = try Self.chunkedGzipResponse()
            let small = try ReplayStore(folder: folder, runDate: "2026-11-20", maxBytes: 4096)
            #expect(throws: ReplayError.self) { try small.keep(page(wire: wire)) }
            do {
                _ = try small.keep(page(wire: wire))
            } catch {
                #expect(
                    "\(error)"
                        == "the response kept for http://a.test/page cannot be decoded: decompresses to more than the 4096 bytes limit"
                )
            }
        }

        @Test("without the bytes received (URLSession) the record says it holds a rebuilt response")
        func rebuiltIsNoted() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ReplayStore(folder: folder, runDate: "2026-11-20")
            let live = try store.keep(
                page(wire: nil, headers: [("Content-Encoding", "gzip"), ("Content-Type", "text/html")]))
            try store.save()
            let kept = try #require(try record(folder))
            #expect(kept["Pipe-Payload-Note"]?.hasPrefix("not the bytes received: URLSession decoded the body") == true)
            #expect(
                live.message["Content-Encoding"] == nil && live.message["X-Pipe-Decoded-Content-Encoding"] == "gzip")
            #expect(live.message.body == Self.page)
        }
    }
#endif
