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
