import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Inputs a careless user or a hostile inbox makes: glob characters in real
/// folder names, symbolic links out of the inbox, FIFOs where files were.
@Suite("Input: hostile paths")
struct HostileInputTests {
    func read(_ path: String, base: URL, followLinks: Bool = false) -> InputReader.Result {
        var options = InputOptions(path: path)
        options.followLinks = followLinks
        return InputReader(options: options).read(path: path, base: base, jobs: 2)
    }

    @Test("a folder whose name holds [ ] ? is read as that folder, not as a glob")
    func literalFolderWithGlobCharacters() throws {
        let folder = try temporaryFolder()
        try folder.write("news [2026]/a.txt", "alpha")
        try folder.write("in?box/b.txt", "bravo")
        #expect(read("news [2026]", base: folder).documents.map(\.id) == ["a.txt"])
        #expect(read("in?box", base: folder).documents.map(\.id) == ["b.txt"])
    }

    @Test("glob characters in the pipeline's folder are literal; only the written path is a glob")
    func globOnlyInWrittenPath() throws {
        let base = try temporaryFolder().appendingPathComponent("news [2026]")
        try base.write("inbox/a.txt", "alpha")
        try base.write("inbox/b.md", "bravo")
        try base.write("inbox/c.txt", "charlie")
        #expect(read("inbox/*.txt", base: base).documents.map(\.id) == ["a.txt", "c.txt"])
    }

    @Test("a symbolic link leaving the input folder is set aside with its reason; links inside it are read")
    func symlinksOutOfTheInbox() throws {
        let folder = try temporaryFolder()
        try folder.write("secret/passwd.txt", "root:x:0:0")
        try folder.write("inbox/a.txt", "alpha")
        try folder.write("inbox/sub/b.txt", "bravo")
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("passwd.txt").path,
            withDestinationPath: folder.appendingPathComponent("secret/passwd.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("etc").path,
            withDestinationPath: folder.appendingPathComponent("secret").path)
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("again.txt").path, withDestinationPath: "a.txt")
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("shortcut.txt").path, withDestinationPath: "sub/b.txt")

        let result = read("inbox", base: folder)
        #expect(result.documents.map(\.id) == ["a.txt", "again.txt", "shortcut.txt", "sub/b.txt"])
        #expect(!result.documents.contains { $0.raw?.contains("root:x") == true })
        let setAside = Dictionary(uniqueKeysWithValues: result.rejects.map { ($0.source, $0.reason) })
        #expect(setAside["passwd.txt"]?.contains("outside the input folder") == true)
        #expect(setAside["passwd.txt"]?.contains("input.follow_links") == true)
        #expect(setAside["etc"]?.contains("outside the input folder") == true)

        let followed = read("inbox", base: folder, followLinks: true)
        #expect(followed.documents.map(\.id).contains("passwd.txt"))
        #expect(followed.documents.map(\.id).contains("etc/passwd.txt"))
    }

    @Test("follow_links is an input option the loader decodes")
    func followLinksOption() throws {
        let folder = try temporaryFolder()
        try folder.write("inbox/a.txt", "alpha")
        let yaml = "input: {path: inbox, follow_links: true}\nstages:\n  - collect\n"
        let pipeline = try TestStages.loader().load(source: yaml, file: folder.appendingPathComponent("p.yaml"))
        #expect(pipeline.input.followLinks)
    }

    @Test("a FIFO or a device in the inbox is set aside unread, without blocking")
    func fifoInTheInbox() throws {
        let folder = try temporaryFolder()
        try folder.write("inbox/a.txt", "alpha")
        #expect(mkfifo(folder.appendingPathComponent("inbox/pipe.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("inbox/zero.txt").path,
            withDestinationPath: "/dev/zero")
        let result = read("inbox", base: folder, followLinks: true)
        #expect(result.documents.map(\.id) == ["a.txt"])
        let setAside = Dictionary(uniqueKeysWithValues: result.rejects.map { ($0.source, $0.reason) })
        #expect(setAside["pipe.txt"]?.contains("FIFO") == true)
        #expect(setAside["zero.txt"]?.contains("character device") == true)

        // Named directly, a FIFO is not opened for a blocking read either.
        let direct = read(folder.appendingPathComponent("inbox/pipe.txt").path, base: folder)
        #expect(direct.documents.isEmpty)
        #expect(direct.rejects.first?.reason.contains("not a regular file") == true)
    }
}
