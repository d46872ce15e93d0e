import Foundation
@testable import PipelineKit
@testable import PipelineRuntime
import Testing

/// Gzip decompression: libdeflate in one call for the common single-member file, zlib
/// streaming for everything else; both must give the same bytes and the same refusals.
@Suite("Gzip")
struct GzipTests {
    /// gzip-compresses with the system's gzip, as users' files would be.
    static func gzip(_ data: Data) throws -> Data {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-c", input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return output
    }

    /// A page-sized text that compresses but is not one repeated byte.
    static let page: Data = {
        var text = ""
        for line in 0..<1_000 {
            text += "Line \(line): the river rose \(line % 97) cm overnight at gauge \(line % 13).\n"
        }
        return Data(text.utf8)
    }()

    @Test("one member: the whole-buffer path gives the original bytes, and so does streaming")
    func singleMember() throws {
        let packed = try Self.gzip(Self.page)
        #expect(Gzip.wholeMember(packed, limit: 1 << 20) == Self.page)
        #expect(try Gzip.decompress(packed, limit: 1 << 20).get() == Self.page)
        #expect(try Gzip.streaming(packed, limit: 1 << 20).get() == Self.page)
    }

    @Test("without libdeflate every file takes the zlib path and gives the same bytes")
    func withoutLibDeflate() throws {
        #expect(LibDeflate.load(names: ["libpipe-no-such-library.so.0"]) == nil)
        let packed = try Self.gzip(Self.page)
        #expect(Gzip.wholeMember(packed, limit: 1 << 20, library: nil) == nil)
        #expect(try Gzip.streaming(packed, limit: 1 << 20).get() == Self.page)
    }

    @Test("libdeflate is loaded at run time from its runtime package (libdeflate0)")
    func loadsRuntimeLibrary() throws {
        // Debian's libdeflate0 is on every machine this project supports; without it the
        // fast path is off and this test says so rather than passing quietly.
        guard
            FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libdeflate.so.0")
                || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/libdeflate.so.0")
        else { return }
        #expect(LibDeflate.load(names: ["libdeflate.so.0"]) != nil)
    }

    @Test("concatenated members (cat a.gz b.gz) are not taken for one: streaming reads them all")
    func concatenated() throws {
        let first = Data("first member\n".utf8), second = Self.page
        let packed = try Self.gzip(first) + Self.gzip(second)
        #expect(Gzip.wholeMember(packed, limit: 1 << 20) == nil)
        #expect(try Gzip.decompress(packed, limit: 1 << 20).get() == first + second)
    }

    @Test("a size field that lies, a truncated file and a bomb are refused as before")
    func refusals() throws {
        var lying = try Self.gzip(Self.page)
        lying[lying.count - 4] &+= 1  // ISIZE off by one
        #expect(Gzip.wholeMember(lying, limit: 1 << 20) == nil)
        guard case .failure(.corrupt) = Gzip.decompress(lying, limit: 1 << 20) else {
            Issue.record("a wrong length check must be corrupt")
            return
        }
        let packed = try Self.gzip(Self.page)
        guard case .failure(.corrupt) = Gzip.decompress(packed.prefix(packed.count - 10), limit: 1 << 20) else {
            Issue.record("a truncated file must be corrupt")
            return
        }
        let bomb = try Self.gzip(Data(count: 3 * 1_048_576))
        #expect(Gzip.wholeMember(bomb, limit: 1_048_576) == nil)
        #expect(Gzip.decompress(bomb, limit: 1_048_576) == .failure(.tooLarge(limit: 1_048_576)))
    }
}
