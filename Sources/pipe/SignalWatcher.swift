import Foundation
import PipelineKit
import PipelineRuntime
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The write end of the pipe through which the signal handler wakes the watcher thread.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1
/// When the first signal arrived (CLOCK_MONOTONIC, nanoseconds); 0 before it.
nonisolated(unsafe) private var firstSignalAt: Int64 = 0

/// A repeat this soon after the first signal is the same request delivered twice, not a second one.
/// GNU `timeout` sends a signal it receives to the command's pid and then to its whole process
/// group, so `timeout 1h pipe run …` given one SIGTERM delivers two, microseconds apart; a person
/// pressing Ctrl-C twice takes far longer than this.
/// (A literal in the handler, not a global: a global's lazy initialisation is not async-signal-safe.)
private func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

/// The signal handler: only async-signal-safe calls (clock_gettime(2), write(2), _exit(2)).
private let signalHandler: @convention(c) (Int32) -> Void = { number in
    let now = max(monotonicNanoseconds(), 1)
    if firstSignalAt != 0 {
        if now - firstSignalAt < 100_000_000 { return }
        let text: StaticString = "\ninterrupted twice: quitting at once\n"
        _ = write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
        _exit(128 + number)
    }
    firstSignalAt = now
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}

/// Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into a clean stop: the first
/// raises the run's ``CancellationFlag`` with exit status 128 + the signal's
/// number (130, 143, 129); a second, 100 ms or more later, quits at once
/// (an earlier repeat is one signal delivered twice, as `timeout` does).
///
/// The handler only writes a byte to a pipe; a thread of its own, not a
/// Dispatch queue, reads it. The document workers fill Dispatch's threads,
/// and a handler queued behind them ran only when every document was done.
enum SignalWatcher {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Starts watching; `stopping` is called (on the watcher's thread) with the first signal's number.
    static func start(_ flag: CancellationFlag, stopping: @escaping @Sendable (Int32) -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        let readEnd = ends[0]
        signalPipeWriteEnd = ends[1]
        firstSignalAt = 0
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    flag.cancel(exitStatus: 128 + Int32(byte))
                    stopping(Int32(byte))
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "pipe signals"
        thread.start()
        for number in signals { signal(number, signalHandler) }
    }

    /// How a user would name the signal.
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "Ctrl-C"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
