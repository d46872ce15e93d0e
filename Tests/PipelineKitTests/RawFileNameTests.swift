import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// A file name that is not valid UTF-8 (Latin-1 from an old system, say) is
/// read, under an id that writes the bad bytes out.
@Suite("File names that are not UTF-8")
struct RawFileNameTests {
    @Test("the file is read, its id escapes the bad byte, and it is not called a broken link")
    func latin1Name() throws {
        let folder = try temporaryFolder("rawname")
        try folder.write("ok.txt", "fine")
        // "café.txt" with é as the Latin-1 byte 0xE9.
        var path = Array(folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let descriptor = path.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        _ = Array("Latin-1 named page".utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let result = InputReader(options: InputOptions(path: ".")).read(path: ".", base: folder, jobs: 1)
        #expect(result.rejects.isEmpty, "\(result.rejects.map(\.reason))")
        #expect(result.documents.map(\.id) == ["caf\\xE9.txt", "ok.txt"])
        #expect(result.documents.first?.raw == "Latin-1 named page")
    }

    @Test("escaping keeps valid UTF-8 sequences and writes each bad byte as \\xNN")
    func escaping() {
        #expect(DirectoryEntry.escaped(Array("é-".utf8) + [0xFF, 0xC3] + Array("日".utf8)) == "é-\\xFF\\xC3日")
    }
}
