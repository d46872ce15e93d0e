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
/// refuses with ``Busy``; nothing is lost either way. The holder removes the
/// lock file when done; the kernel releases the lock when the holder exits,
/// even after kill -9, so a stale lock file never blocks anyone.
package final class RunLock: @unchecked Sendable {
    /// Another run held the lock for longer than the caller would wait.
    package struct Busy: Error, CustomStringConvertible, Sendable {
        package let path: String
        package let holder: String?
        package let waited: Double

        package var description: String {
            let who = holder.map { "another pipe run (process \($0))" } ?? "another pipe run"
            return "\(who) is using \(path); gave up after waiting \(Self.seconds(waited)) "
                + "(pass --wait SECONDS to wait longer, or run one at a time)"
        }

        static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
        }
    }

    /// How long a run waits for another by default: long enough for a daily run to finish its exports.
    package static let defaultWait = 120.0

    /// The lock file.
    package let lockPath: String
    private let lock = NSLock()
    private var descriptor: Int32

    private init(lockPath: String, descriptor: Int32) {
        self.lockPath = lockPath
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file that guards `url`: `.NAME.lock` in the same folder.
    package static func lockURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock")
    }

    /// Takes the lock guarding `url`, waiting up to `wait` seconds while another process holds it.
    ///
    /// `waiting` is called once, with a sentence to show, when the lock is busy. Throws ``Busy``
    /// when the time runs out, `CancellationError` when `cancellation` is raised while waiting,
    /// and ``OutputFile/Failure`` when the lock file cannot be made.
    package static func acquire(
        for url: URL, wait: Double, cancellation: CancellationFlag? = nil,
        waiting: (String) -> Void = { _ in }
    ) throws -> RunLock {
        let lockURL = lockURL(for: url)
        let display = PathText.display(url)
        let folder = lockURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputFile.Failure(
                path: display,
                reason: "cannot create folder \(PathText.display(folder)): "
                    + PathText.describe(error))
        }
        let started = ContinuousClock.now
        var told = false
        while true {
            let descriptor = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
            guard descriptor >= 0 else {
                throw OutputFile.Failure(
                    path: display,
                    reason: "cannot open its lock file \(PathText.display(lockURL)): "
                        + String(cString: strerror(errno)))
            }
            // Locking a FIFO or device put where the lock file goes would "succeed" and guard nothing.
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                throw OutputFile.Failure(
                    path: display,
                    reason: "its lock file \(PathText.display(lockURL)) is "
                        + "\(PathText.kind(of: status.st_mode)), not a regular file; remove it")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                // The holder removes the file before it unlocks: a lock taken on a removed file guards
                // nothing, so open the path again.
                var current = stat()
                guard stat(lockURL.path, &current) == 0, current.st_ino == status.st_ino,
                    current.st_dev == status.st_dev
                else {
                    close(descriptor)
                    continue
                }
                // Who holds the lock, for the messages of runs that wait.
                let pid = "\(getpid())\n"
                _ = ftruncate(descriptor, 0)
                _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
                return RunLock(lockPath: lockURL.path, descriptor: descriptor)
            }
            let error = errno
            let holder = Self.holder(descriptor)
            close(descriptor)
            guard error == EWOULDBLOCK || error == EINTR else {
                throw OutputFile.Failure(
                    path: display,
                    reason: "cannot lock \(PathText.display(lockURL)): "
                        + String(cString: strerror(error)))
            }
            if (ContinuousClock.now - started).seconds >= wait {
                throw Busy(path: display, holder: holder, waited: wait)
            }
            if !told {
                told = true
                let who = holder.map { "another pipe run (process \($0))" } ?? "another pipe run"
                waiting("\(who) is using \(display); waiting up to \(Busy.seconds(wait)) for it to finish (--wait)")
            }
            if cancellation?.isCancelled == true { throw CancellationError() }
            usleep(50_000)
        }
    }

    /// Releases the lock and removes the lock file, while still holding it: a run that opened the
    /// file before then finds it gone once it gets the lock, and opens the path again.
    package func release() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        unlink(lockPath)
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
