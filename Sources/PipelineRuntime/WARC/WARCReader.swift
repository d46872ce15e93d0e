import CZlib
import Foundation
import PipelineKit

/// Reads WARC records one at a time from a `.warc` or `.warc.gz` file,
/// holding one record in memory, never the file (real crawl files are ~1 GB).
///
/// A record whose block is over ``maxRecordBytes`` is passed over unread and
/// reported as ``Item/bad(_:offset:)`` with the reason, memory staying flat;
/// a gzip member inflating beyond eight times the limit (64 MiB at least) is
/// taken for a decompression bomb and ends the file. A file that stops making sense (no `WARC/`
/// version line, no `Content-Length`, a torn last record, damaged gzip) ends
/// with one `bad` item saying where and why, after every good record before it.
///
/// ```swift
/// let reader = try WARCReader(url: file, maxRecordBytes: 20 << 20)
/// while let item = reader.next() {
///     if case let .record(record, _) = item, record.type == "response" { … }
/// }
/// ```
public final class WARCReader {
    /// What the next step of reading gave.
    public enum Item {
        /// A record and the offset (in the file as stored) of the gzip member or bytes it starts at.
        case record(WARCRecord, offset: UInt64)
        /// A record set aside, or the reason the rest of the file cannot be read.
        case bad(String, offset: UInt64)
    }

    public let maxRecordBytes: Int
    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var stopped = false

    /// Opens `url`; gzip is recognised by its magic bytes, not the name. Reading starts at `offset`.
    public convenience init(url: URL, maxRecordBytes: Int, offset: UInt64 = 0) throws {
        try self.init(handle: FileHandle(forReadingFrom: url), maxRecordBytes: maxRecordBytes, offset: offset)
    }

    /// Reads from an open file (one opened by its bytes when its name is not UTF-8); closes it when done.
    init(handle: FileHandle, maxRecordBytes: Int, offset: UInt64 = 0) throws {
        if offset > 0 { try handle.seek(toOffset: offset) }
        let magic = try handle.read(upToCount: 2) ?? Data()
        try handle.seek(toOffset: offset)
        self.maxRecordBytes = maxRecordBytes
        let plain = PlainSource(handle: handle, start: offset)
        source =
            magic.elementsEqual([0x1F, 0x8B])
            ? GzipSource(plain, memberLimit: max(64 << 20, 8 * maxRecordBytes)) : plain
    }

    /// Bytes of the file read so far, compressed as stored: how far through it reading is.
    public var bytesRead: UInt64 { source.fileBytesRead }

    /// The next record or problem; nil at the end of the file.
    public func next() -> Item? {
        guard !stopped else { return nil }
        // Blank lines between records are tolerated.
        while true {
            guard ensure(1) else {
                if let failure = source.failure { return stop(failure) }
                return nil
            }
            if buffer[position] == 0x0D || buffer[position] == 0x0A { position += 1 } else { break }
        }
        let offset = source.recordOffset(unread: buffer.count - position)
        guard let versionLine = readLine() else { return stop(source.failure ?? "torn record header", offset: offset) }
        guard versionLine.hasPrefix("WARC/") else {
            return stop("expected a `WARC/1.x` line, found `\(versionLine.prefix(40))`", offset: offset)
        }
        var headers: [(name: String, value: String)] = []
        while true {
            guard let line = readLine() else { return stop(source.failure ?? "torn record header", offset: offset) }
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                return stop("header line without a colon: `\(line.prefix(40))`", offset: offset)
            }
            headers.append(
                (
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        let lengthText = headers.first { $0.name.lowercased() == "content-length" }?.value
        guard let lengthText, let length = Int(lengthText), length >= 0 else {
            return stop("record without a valid Content-Length", offset: offset)
        }
        if length > maxRecordBytes {
            guard skip(length) else { return stop(source.failure ?? "torn record block", offset: offset) }
            skipTrailer()
            let uri = headers.first { $0.name.lowercased() == "warc-target-uri" }?.value ?? "?"
            return .bad("record for \(uri) is \(length) bytes, over the \(maxRecordBytes)-byte limit", offset: offset)
        }
        guard ensure(length) else {
            return stop(source.failure ?? "torn record block (file ends early)", offset: offset)
        }
        let block = Data(buffer[position..<position + length])
        position += length
        skipTrailer()
        return .record(WARCRecord(headers: headers, block: block), offset: offset)
    }

    private func stop(_ reason: String, offset: UInt64? = nil) -> Item {
        stopped = true
        return .bad(
            reason + "; the rest of the file is not read",
            offset: offset ?? source.recordOffset(unread: buffer.count - position))
    }

    /// Passes over the CRLF CRLF after a block (leniently: any CR and LF bytes, at most four).
    private func skipTrailer() {
        var count = 0
        while count < 4, ensure(1), buffer[position] == 0x0D || buffer[position] == 0x0A {
            position += 1
            count += 1
        }
    }

    /// A header line without its line end; nil at the end of input or past 64 KiB.
    private func readLine() -> String? {
        // Counted from `position`: filling the buffer moves what is unread to its start.
        var scanned = 0
        while true {
            if position + scanned >= buffer.count {
                guard scanned < 65536, fill() else { return nil }
                continue
            }
            if buffer[position + scanned] == 0x0A {
                var end = position + scanned
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position += scanned + 1
                return line
            }
            scanned += 1
        }
    }

    /// Makes `count` bytes available at `position`.
    private func ensure(_ count: Int) -> Bool {
        while buffer.count - position < count {
            guard fill() else { return false }
        }
        return true
    }

    /// Consumes `count` bytes without keeping them.
    private func skip(_ count: Int) -> Bool {
        var left = count
        while left > 0 {
            if position >= buffer.count, !fill() { return false }
            let take = min(left, buffer.count - position)
            position += take
            left -= take
        }
        return true
    }

    private func fill() -> Bool {
        guard !finished else { return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        guard let chunk = source.read(), !chunk.isEmpty else {
            finished = true
            return false
        }
        buffer += chunk
        return true
    }
}

/// Bytes of a file, a chunk at a time.
private protocol ByteSource: AnyObject {
    func read() -> [UInt8]?
    /// Where the record now starting begins in the stored file, `unread` bytes of output being still in the reader's buffer.
    func recordOffset(unread: Int) -> UInt64
    /// Why reading stopped early, if it did.
    var failure: String? { get }
    /// Bytes of the stored file read so far (for progress).
    var fileBytesRead: UInt64 { get }
}

private final class PlainSource: ByteSource {
    let handle: FileHandle
    var consumed: UInt64
    var returned: UInt64 = 0
    private(set) var failure: String?

    init(handle: FileHandle, start: UInt64) {
        self.handle = handle
        self.consumed = start
    }

    deinit { try? handle.close() }

    func read() -> [UInt8]? {
        do {
            guard let data = try handle.read(upToCount: 256 * 1024), !data.isEmpty else { return nil }
            consumed += UInt64(data.count)
            return [UInt8](data)
        } catch {
            failure = "cannot read: \(error.localizedDescription)"
            return nil
        }
    }

    /// Exact: what was read from the file less what the reader has not used yet.
    func recordOffset(unread: Int) -> UInt64 { consumed - UInt64(unread) }

    var fileBytesRead: UInt64 { consumed }
}

/// Inflates gzip members one after another, remembering where each starts in the file.
private final class GzipSource: ByteSource {
    let input: PlainSource
    let memberLimit: Int
    var stream = z_stream()
    var pending: [UInt8] = []
    var pendingOffset = 0
    /// File offset of the compressed bytes in `pending`'s start.
    var pendingFileOffset: UInt64
    var memberStart: UInt64
    var memberOutput = 0
    var atMemberStart = true
    private(set) var failure: String?
    var done = false

    init(_ input: PlainSource, memberLimit: Int) {
        self.input = input
        self.memberLimit = memberLimit
        self.pendingFileOffset = input.consumed
        self.memberStart = input.consumed
        _ = pipe_inflateInit2(&stream, 15 + 16)
    }

    deinit { inflateEnd(&stream) }

    /// The start of the gzip member being read (a writer puts each record in its own member).
    func recordOffset(unread: Int) -> UInt64 { memberStart }

    var fileBytesRead: UInt64 { input.consumed }

    func read() -> [UInt8]? {
        guard !done else { return nil }
        var output = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            if pendingOffset >= pending.count {
                pendingFileOffset += UInt64(pending.count)
                guard let more = input.read() else {
                    done = true
                    if let failure = input.failure {
                        self.failure = failure
                    } else if !atMemberStart {
                        self.failure = "truncated gzip member"
                    }
                    return nil
                }
                pending = more
                pendingOffset = 0
            }
            if atMemberStart {
                memberStart = pendingFileOffset + UInt64(pendingOffset)
                atMemberStart = false
                memberOutput = 0
            }
            let (status, used, produced) = pending.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress! + pendingOffset
                    stream.avail_in = uInt(inBuffer.count - pendingOffset)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (
                        status, inBuffer.count - pendingOffset - Int(stream.avail_in),
                        outBuffer.count - Int(stream.avail_out)
                    )
                }
            }
            pendingOffset += used
            memberOutput += produced
            if memberOutput > memberLimit {
                done = true
                failure = "a gzip member inflates beyond the \(memberLimit)-byte record limit (a gzip bomb?)"
                return nil
            }
            switch status {
            case Z_STREAM_END:
                inflateReset(&stream)
                atMemberStart = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                done = true
                failure = "damaged gzip data: " + (stream.msg.map { String(cString: $0) } ?? "error \(status)")
                return nil
            }
            if produced > 0 { return Array(output[0..<produced]) }
        }
    }
}
