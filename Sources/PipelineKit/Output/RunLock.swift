import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run at a time per file that runs update (a state store, a SQLite
/// digest, an Atom feed): an advisory lock, flock(2), on a lock file beside
/// it (`.NAME.lock`).
///
/// A second run waits for the lock, saying so, for up to a given time, then
/// refuses with ``Busy``; nothing is lost either way. The kernel releases the
/// lock when the holder exits, even after kill -9, so a stale lock file never
/// blocks anyone.
public final class RunLock: @unchecked Sendable {
    /// Another run held the lock for longer than the caller would wait.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let holder: String?
        public let waited: Double

        public var description: String {
            let who = holder.map { "another pipe run (process \($0))" } ?? "another pipe run"
            return "\(who) is using \(path); gave up after waiting \(Self.seconds(waited)) "
                + "(pass --wait SECONDS to wait longer, or run one at a time)"
        }

        static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
        }
    }

    /// How long a run waits for another by default: long enough for a daily run to finish its exports.
    public static let defaultWait = 120.0

    /// The lock file.
    public let lockPath: String
    private let lock = NSLock()
    private var descriptor: Int32

    private init(lockPath: String, descriptor: Int32) {
        self.lockPath = lockPath
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file that guards `url`: `.NAME.lock` in the same folder.
    public static func lockURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock")
    }

    /// Takes the lock guarding `url`, waiting up to `wait` seconds while another process holds it.
    ///
    /// `waiting` is called once, with a sentence to show, when the lock is busy. Throws ``Busy``
    /// when the time runs out, `CancellationError` when `cancellation` is raised while waiting,
    /// and ``OutputFile/Failure`` when the lock file cannot be made.
    public static func acquire(for url: URL, wait: Double, cancellation: CancellationFlag? = nil,
                               waiting: (String) -> Void = { _ in }) throws -> RunLock {
        let lockURL = lockURL(for: url)
        let display = PipelineLoader.displayPath(url)
        try? FileManager.default.createDirectory(at: lockURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            throw OutputFile.Failure(path: display, reason: "cannot open its lock file \(PipelineLoader.displayPath(lockURL)): "
                                     + String(cString: strerror(errno)))
        }
        let started = ContinuousClock.now
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            let holder = Self.holder(descriptor)
            guard error == EWOULDBLOCK || error == EINTR else {
                let reason = String(cString: strerror(error))
                close(descriptor)
                throw OutputFile.Failure(path: display, reason: "cannot lock \(PipelineLoader.displayPath(lockURL)): \(reason)")
            }
            let waited = (ContinuousClock.now - started).seconds
            if waited >= wait {
                close(descriptor)
                throw Busy(path: display, holder: holder, waited: wait)
            }
            if !told {
                told = true
                let who = holder.map { "another pipe run (process \($0))" } ?? "another pipe run"
                waiting("\(who) is using \(display); waiting up to \(Busy.seconds(wait)) for it to finish (--wait)")
            }
            if cancellation?.isCancelled == true {
                close(descriptor)
                throw CancellationError()
            }
            usleep(50_000)
        }
        // Who holds the lock, for the messages of runs that wait.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return RunLock(lockPath: lockURL.path, descriptor: descriptor)
    }

    /// Releases the lock; the lock file stays (removing it would race with a run about to lock it).
    public func release() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    /// The process id the holder wrote into the lock file, if any.
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || !text.allSatisfy(\.isNumber) ? nil : text
    }
}
