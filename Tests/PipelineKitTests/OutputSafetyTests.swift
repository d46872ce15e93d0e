import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Outputs under attack: devices and FIFOs at the output path, leftovers of
/// killed runs, concurrent runs, interrupted runs.
@Suite("Outputs: what a run may replace, and when")
struct OutputSafetyTests {
    @Test("a FIFO at the output path is refused, stays a FIFO, and nothing blocks")
    func fifoIsNotReplaced() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("digest.md")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("# digest\n", to: fifo) }
        do {
            try OutputFile.write("# digest\n", to: fifo)
        } catch {
            #expect(error.reason.contains("FIFO"))
        }
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("a symbolic link to a device at the output path is refused, the link left as it is")
    func linkToDeviceIsNotReplaced() throws {
        let folder = try temporaryFolder()
        let link = folder.appendingPathComponent("null.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/null")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("x", to: link) }
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == "/dev/null")
    }

    @Test("a regular file is replaced as before")
    func regularFileIsReplaced() throws {
        let folder = try temporaryFolder()
        let url = try folder.write("digest.md", "old")
        try OutputFile.write("new", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new")
    }

    @Test("a staged file reaches its path only at commit; discarding leaves the old file whole")
    func stagedRenames() throws {
        let folder = try temporaryFolder()
        let url = try folder.write("digest.md", "old")
        let log = OutputLog()
        log.defersRenames = true
        try OutputFile.write("new", to: url, staging: log)
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        log.discard()
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["digest.md"])

        try OutputFile.write("newer", to: url, staging: log)
        try log.commit()
        #expect(try String(contentsOf: url, encoding: .utf8) == "newer")
    }

    /// The id of a process that has exited (and been reaped).
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("temporary files of a run that is gone are removed; those of a live process are kept")
    func leftovers() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("daily.sqlite")
        let dead = try Self.deadProcessID()
        let alive = getppid()
        try folder.write(".daily.sqlite.\(dead).tmp", "half")
        try folder.write(".daily.sqlite.\(dead).tmp-journal", "journal")
        try folder.write(".daily.sqlite.\(alive).tmp", "a waiting run's")
        try folder.write(".other.sqlite.\(dead).tmp", "another file's")
        try folder.write("daily.sqlite-journal", "a hot journal SQLite needs")
        OutputFile.removeLeftovers(of: url)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == [".daily.sqlite.\(alive).tmp", ".other.sqlite.\(dead).tmp", "daily.sqlite-journal"])
    }

    @Test("a second lock on the same file waits, then refuses, naming the holder")
    func lockRefusesAfterWaiting() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("state.sqlite")
        let first = try RunLock.acquire(for: url, wait: 0)
        var said: [String] = []
        #expect(throws: RunLock.Busy.self) {
            _ = try RunLock.acquire(for: url, wait: 0.2) { said.append($0) }
        }
        #expect(said.count == 1)
        #expect(said.first?.contains("process \(getpid())") == true)
        first.release()
        let second = try RunLock.acquire(for: url, wait: 0)
        second.release()
    }

    @Test("a waiting lock gives up when the run is interrupted")
    func lockWaitIsCancellable() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("daily.atom")
        let first = try RunLock.acquire(for: url, wait: 0)
        defer { first.release() }
        let flag = CancellationFlag()
        flag.cancel(exitStatus: 143)
        #expect(throws: CancellationError.self) { _ = try RunLock.acquire(for: url, wait: 60, cancellation: flag) }
        #expect(flag.exitStatus == 143)
    }
}

@Suite("RunLock: the lock file itself")
struct RunLockFileTests {
    @Test("a FIFO where the lock file goes is refused, not locked")
    func fifoLockFile() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("daily.sqlite")
        #expect(mkfifo(RunLock.lockURL(for: url).path, 0o644) == 0)
        #expect(throws: OutputFile.Failure.self) { _ = try RunLock.acquire(for: url, wait: 0) }
    }
}
