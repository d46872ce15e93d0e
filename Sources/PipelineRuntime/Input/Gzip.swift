import CZlib
import Foundation
import PipelineKit

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

    /// The common case in one call to libdeflate, when the machine has it (see
    /// ``LibDeflate``): one gzip member whose trailer's size (ISIZE, the output length
    /// modulo 2³²) is within `limit` and right. Nil for anything else (no libdeflate,
    /// several members, a lying or wrapped size, zlib format, damage): the streaming path
    /// then decides, with its limit and its errors.
    static func wholeMember(_ data: Data, limit: Int, library: LibDeflate? = .shared) -> Data? {
        guard let library else { return nil }
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return nil }
        let size = data.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard size > 0, size <= limit, let decompressor = library.allocate() else { return nil }
        defer { library.free(decompressor) }
        guard let output = malloc(size) else { return nil }
        var read = 0, written = 0
        let result = data.withUnsafeBytes { input in
            library.gzipDecompress(decompressor, input.baseAddress, input.count, output, size, &read, &written)
        }
        guard result == LibDeflate.success, read == data.count, written == size else {
            free(output)
            return nil
        }
        return Data(bytesNoCopy: output, count: size, deallocator: .free)
    }

    /// zlib, a chunk at a time, stopping at `limit` bytes of output.
    static func streaming(_ data: Data, limit: Int) -> Result<Data, Failure> {
        var output = Data()
        return inflating(data, limit: limit) { output.append($0) }.map { output }
    }

    /// Inflates `data` (gzip, several members one after another, or zlib) a chunk at a time,
    /// handing each piece of output to `body` as it comes, so the whole output is never held;
    /// stops at `limit` bytes of output. Stops too at `body`'s first error, which is rethrown.
    static func inflating(
        _ data: Data, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows -> Result<Void, Failure> {
        var stream = z_stream()
        guard pipe_inflateInit2(&stream, 15 + 32) == Z_OK else { return .failure(.corrupt("cannot initialise zlib")) }
        defer { inflateEnd(&stream) }
        var total = 0
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        return try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) throws -> Result<Void, Failure> in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else {
                return .failure(.corrupt("empty file"))
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
                total += produced
                if total > limit { return .failure(.tooLarge(limit: limit)) }
                try chunk.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
                switch status {
                case Z_STREAM_END:
                    // Concatenated members (`cat a.gz b.gz`) continue after a reset.
                    if stream.avail_in == 0 { return .success(()) }
                    inflateReset(&stream)
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 { return .failure(.corrupt("truncated gzip data")) }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { return .failure(.corrupt("truncated gzip data")) }
                default:
                    return .failure(.corrupt(stream.msg.map { String(cString: $0) } ?? "error \(status)"))
                }
            }
        }
    }
}

/// libdeflate's whole-buffer gzip decompressor, loaded when the process first needs it.
///
/// libdeflate inflates our pages about 2.5× as fast as zlib, but only its runtime library
/// (`libdeflate.so.0`, Debian's `libdeflate0`) is on a fresh machine; the headers and the
/// unversioned `libdeflate.so` come with `libdeflate-dev`, which is not. So nothing links
/// it: the three functions we call are declared here, with libdeflate's stable C ABI
/// (unchanged since its 1.0), and looked up with `dlopen`/`dlsym`. Without the library, or
/// with `PIPE_NO_LIBDEFLATE` set in the environment, every file takes the zlib path, which
/// gives the same bytes.
struct LibDeflate: @unchecked Sendable {
    typealias Allocate = @convention(c) () -> OpaquePointer?
    typealias Free = @convention(c) (OpaquePointer?) -> Void
    /// `libdeflate_gzip_decompress_ex(d, in, in_nbytes, out, out_nbytes_avail, actual_in_nbytes_ret, actual_out_nbytes_ret)`.
    typealias GzipDecompress =
        @convention(c) (
            OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int,
            UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?
        ) -> Int32

    /// `LIBDEFLATE_SUCCESS` of `enum libdeflate_result`.
    static let success: Int32 = 0

    /// The names tried, in order: the runtime package's soname first, then the
    /// development symlink (macOS's Homebrew has only the latter).
    static let libraryNames = ["libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"]

    /// The process's copy, or nil when libdeflate cannot be loaded (or is turned off).
    static let shared: LibDeflate? = {
        if ProcessInfo.processInfo.environment["PIPE_NO_LIBDEFLATE"] != nil { return nil }
        return load()
    }()

    let allocate: Allocate
    let free: Free
    let gzipDecompress: GzipDecompress

    /// Opens the first of `names` that loads and has all three functions.
    static func load(names: [String] = libraryNames) -> LibDeflate? {
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            if let allocate = dlsym(handle, "libdeflate_alloc_decompressor"),
                let free = dlsym(handle, "libdeflate_free_decompressor"),
                let decompress = dlsym(handle, "libdeflate_gzip_decompress_ex")
            {
                // The handle stays open for the life of the process, as a linked library would.
                return LibDeflate(
                    allocate: unsafeBitCast(allocate, to: Allocate.self),
                    free: unsafeBitCast(free, to: Free.self),
                    gzipDecompress: unsafeBitCast(decompress, to: GzipDecompress.self))
            }
            dlclose(handle)
        }
        return nil
    }
}
