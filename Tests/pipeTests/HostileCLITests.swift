import Foundation
import PipelineKit
import PipelineRuntime
import Testing

/// Signals and concurrent runs, through the built executable.
@Suite("pipe run: signals and concurrent runs", .serialized)
struct HostileCLITests {
    /// A pipeline with a state store, in a fresh folder.
    static func pipelineFolder() throws -> URL {
        let folder = try CLI.temporaryFolder()
        try Data("A short note about the council's vote on the bridge.\n".utf8)
            .write(to: folder.appendingPathComponent("note.txt"))
        let yaml =
            "name: t\ninput: {path: note.txt}\noutput: out\nstate: {path: state.sqlite}\nstages:\n"
            + "  - export: {format: jsonl, path: out/t.jsonl}\n"
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("t.yaml"))
        return folder
    }

    /// Starts `pipe run` on the folder's pipeline; the caller waits for it.
    static func start(_ folder: URL, _ extra: [String] = []) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", folder.appendingPathComponent("t.yaml").path, "--date", "2026-11-20"] + extra
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Waits until the stderr of a run says it is waiting for the lock, up to 60 s.
    static func waitForWaiting(_ err: Pipe) -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("waiting"), Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    @Test("SIGTERM and SIGHUP stop a run cleanly with exit statuses 143 and 129")
    func terminationSignals() throws {
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(130))] {
            let folder = try Self.pipelineFolder()
            // Another run holds the state store, so this one is still waiting when the signal comes.
            let held = try RunLock.acquire(for: folder.appendingPathComponent("state.sqlite"), wait: 0)
            let (process, err) = try Self.start(folder)
            let said = Self.waitForWaiting(err)
            #expect(said.contains("is using"), "stderr: \(said)")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            held.release()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == status)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/t.jsonl").path))
        }
    }

    @Test("a second run on the same state store waits for the first, then refuses clearly")
    func concurrentStateStore() throws {
        let folder = try Self.pipelineFolder()
        let held = try RunLock.acquire(for: folder.appendingPathComponent("state.sqlite"), wait: 0)
        defer { held.release() }
        let result = try CLI.run([
            "run", folder.appendingPathComponent("t.yaml").path, "--date", "2026-11-20", "--wait", "0.5",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("waiting up to"))
        #expect(result.stderr.contains("gave up after waiting"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/t.jsonl").path))
    }
}
