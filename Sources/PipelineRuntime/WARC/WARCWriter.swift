import CZlib
import Foundation
import PipelineKit

/// Appends WARC 1.1 records to a file, each record its own gzip member when
/// the file ends in `.gz` (so a reader can seek to any record's offset).
///
/// Every record gets `WARC-Record-ID` (a UUID derived from its content, so the
/// same record written twice has the same id), `Content-Length` and
/// `WARC-Block-Digest`; a response record also gets `WARC-Payload-Digest` of
/// its HTTP body (the entity as sent: a chunked transfer coding removed, a
/// content coding kept). Records are flushed as written: a crash loses at most the
/// record being written, and a reader stops at a torn last record with a reason.
public final class WARCWriter {
    public let url: URL
    public let gzip: Bool
    private let handle: FileHandle
    /// Bytes in the file so far: the offset the next record starts at.
    public private(set) var offset: UInt64

    /// Opens `url` for appending (creating it and its folder).
    public init(url: URL) throws {
        self.url = url
        self.gzip = url.pathExtension.lowercased() == "gz"
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        handle = try FileHandle(forWritingTo: url)
        offset = try handle.seekToEnd()
    }

    deinit {
        try? handle.close()
    }

    /// Writes `record` and returns the offset it starts at.
    @discardableResult
    public func write(_ record: WARCRecord) throws -> UInt64 {
        let start = offset
        let bytes = Self.serialize(record)
        let out = gzip ? try Self.gzipMember(bytes) : bytes
        try handle.write(contentsOf: out)
        offset += UInt64(out.count)
        return start
    }

    /// Flushes to disk.
    public func close() throws {
        try handle.synchronize()
        try handle.close()
    }

    /// A record's bytes: version line, headers (with the id, digests and length added), block, two CRLFs.
    public static func serialize(_ record: WARCRecord) -> Data {
        let blockDigest = "sha1:" + Base32.encode(SHA1.digest(record.block))
        var headers = record.headers.filter {
            !["content-length", "warc-block-digest"].contains($0.name.lowercased())
        }
        if record.recordID == nil {
            var idHash = SHA1()
            for (name, value) in headers { idHash.update(Array("\(name):\(value)\n".utf8)) }
            idHash.update(Array(blockDigest.utf8))
            headers.insert(("WARC-Record-ID", "<urn:uuid:\(uuid(idHash.finalize()))>"), at: min(1, headers.count))
        }
        headers.append(("WARC-Block-Digest", blockDigest))
        if record.type == "response", record["WARC-Payload-Digest"] == nil, let http = HTTPMessage.parse(record.block) {
            var payload = http.body
            if http["Transfer-Encoding"]?.lowercased().contains("chunked") == true,
                case let .success(joined) = HTTPMessage.dechunk(http.body, limit: Int.max)
            {
                payload = joined
            }
            headers.append(("WARC-Payload-Digest", "sha1:" + Base32.encode(SHA1.digest(payload))))
        }
        headers.append(("Content-Length", String(record.block.count)))
        var head = "WARC/1.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var data = Data(head.utf8)
        data.append(record.block)
        data.append(contentsOf: Array("\r\n\r\n".utf8))
        return data
    }

    /// A name-based UUID (version 5 layout) from the first 16 bytes of a SHA-1.
    static func uuid(_ hash: [UInt8]) -> String {
        var bytes = Array(hash.prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x50
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return
            "\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))"
    }

    /// `bytes` as one complete gzip member.
    static func gzipMember(_ bytes: Data) throws -> Data {
        var stream = z_stream()
        guard pipe_deflateInit2(&stream, 6, 15 + 16) == Z_OK else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot initialise zlib"])
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let written: Int = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                let status = deflate(&stream, Z_FINISH)
                return status == Z_STREAM_END ? out.count - Int(stream.avail_out) : -1
            }
        }
        guard written >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip failed"])
        }
        output.count = written
        return output
    }
}
