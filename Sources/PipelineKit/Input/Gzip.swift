import CLibDeflate
import CZlib
import Foundation

/// gzip (and zlib) decompression with a cap on the output size.
enum Gzip {
    enum Failure: Error, Equatable {
        case tooLarge(limit: Int)
        case corrupt(String)
    }

    /// Inflates `data`, refusing to produce more than `limit` bytes, so a
    /// gzip bomb is stopped after reading at most `limit` bytes of output.
    static func decompress(_ data: Data, limit: Int) -> Result<Data, Failure> {
        if let whole = wholeMember(data, limit: limit) { return .success(whole) }
        return streaming(data, limit: limit)
    }

    /// The common case in one call to libdeflate: one gzip member whose trailer's size
    /// (ISIZE, the output length modulo 2³²) is within `limit` and right. Nil for anything
    /// else (several members, a lying or wrapped size, zlib format, damage): the streaming
    /// path then decides, with its limit and its errors.
    static func wholeMember(_ data: Data, limit: Int) -> Data? {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return nil }
        let size = data.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard size > 0, size <= limit, let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        guard let output = malloc(size) else { return nil }
        var read = 0, written = 0
        let result = data.withUnsafeBytes { input in
            libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, input.count, output, size, &read, &written)
        }
        guard result == LIBDEFLATE_SUCCESS, read == data.count, written == size else {
            free(output)
            return nil
        }
        return Data(bytesNoCopy: output, count: size, deallocator: .free)
    }

    /// zlib, a chunk at a time, stopping at `limit` bytes of output.
    static func streaming(_ data: Data, limit: Int) -> Result<Data, Failure> {
        var stream = z_stream()
        guard pipe_inflateInit2(&stream, 15 + 32) == Z_OK else { return .failure(.corrupt("cannot initialise zlib")) }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: Failure?
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else {
                failure = .corrupt("empty file")
                return
            }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                if output.count + produced > limit {
                    failure = .tooLarge(limit: limit)
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Concatenated members (`cat a.gz b.gz`) continue after a reset.
                    if stream.avail_in == 0 { return }
                    inflateReset(&stream)
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 {
                        failure = .corrupt("truncated gzip data")
                        return
                    }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 {
                        failure = .corrupt("truncated gzip data")
                        return
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = .corrupt(message)
                    return
                }
            }
        }
        if let failure { return .failure(failure) }
        return .success(output)
    }
}
