import Foundation

/// Records the files stages write, for the report, and holds what a run
/// must keep until it ends. Thread-safe.
///
/// When ``defersRenames`` is on (the ``Runner`` turns it on), files written
/// by rename wait as temporary files until ``commit()`` renames them all
/// together, or ``discard()`` removes them: an interrupted run leaves the old
/// digests whole, never some of the new ones beside them. Files updated in
/// place (a SQLite digest) are recorded with ``recordInPlace(_:)`` so the
/// run can say exactly what it wrote. The run's ``RunLock``s are held here
/// until ``releaseLocks()``.
package final class OutputLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    private var staged: [(temporary: URL, final: URL)] = []
    private var inPlace: [String] = []
    private var locks: [RunLock] = []
    private var deferring = false

    package init() {}

    /// Whether ``OutputFile`` leaves its temporary files for ``commit()`` to rename.
    package var defersRenames: Bool {
        get { lock.withLock { deferring } }
        set { lock.withLock { deferring = newValue } }
    }

    package func record(_ url: URL) {
        lock.withLock { paths.append(PathText.display(url)) }
    }

    /// Records a file changed in place (already written, whatever happens next).
    package func recordInPlace(_ url: URL) {
        lock.withLock { inPlace.append(PathText.display(url)) }
    }

    /// Files recorded so far, in the order stages wrote them.
    package var all: [String] {
        lock.withLock { paths }
    }

    /// Files already changed in place, whether or not the run goes on to commit.
    package var writtenInPlace: [String] {
        lock.withLock { inPlace }
    }

    /// Keeps `temporary` to be renamed to `final` at ``commit()``; a later file for the same path replaces it.
    package func stage(temporary: URL, final: URL) {
        lock.withLock {
            if let index = staged.firstIndex(where: { $0.final.path == final.path }) {
                if staged[index].temporary.path != temporary.path { unlink(staged[index].temporary.path) }
                staged.remove(at: index)
            }
            staged.append((temporary, final))
        }
    }

    /// Renames every staged file into place. Throws the first failure after trying them all.
    package func commit() throws(OutputFile.Failure) {
        let files = lock.withLock {
            defer { staged.removeAll() }
            return staged
        }
        var failure: OutputFile.Failure?
        for file in files where rename(file.temporary.path, file.final.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(file.temporary.path)
            failure = failure ?? OutputFile.Failure(path: PathText.display(file.final), reason: reason)
        }
        if let failure { throw failure }
    }

    /// Removes every staged file: nothing of them reaches its final path.
    package func discard() {
        let files = lock.withLock {
            defer { staged.removeAll() }
            return staged
        }
        for file in files { unlink(file.temporary.path) }
    }

    /// Holds `runLock` until ``releaseLocks()``.
    package func hold(_ runLock: RunLock) {
        lock.withLock { locks.append(runLock) }
    }

    /// Releases the locks held for the run.
    package func releaseLocks() {
        let held = lock.withLock {
            defer { locks.removeAll() }
            return locks
        }
        for runLock in held { runLock.release() }
    }
}
