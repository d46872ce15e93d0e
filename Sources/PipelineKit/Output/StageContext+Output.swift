import Foundation

// How a stage writes files. Every output is written whole to a temporary file
// beside its target; in a run, the temporary files are renamed into place
// together after every stage has finished, so an interrupted or failed run
// leaves the previous outputs whole. Run on its own (a test harness), a stage's
// files replace their targets at once. Every file is recorded for the run report.

extension StageContext {
    /// Writes `text` as UTF-8 to the output file at `url` (see above). Throws
    /// when `url` is a folder, device, FIFO or link, or cannot be written.
    public func writeOutput(_ text: String, to url: URL) throws(OutputFile.Failure) {
        try writeOutput(pieces: CollectionOfOne(Data(text.utf8)), to: url)
    }

    /// Writes `data` to the output file at `url`.
    public func writeOutput(_ data: Data, to url: URL) throws(OutputFile.Failure) {
        try writeOutput(pieces: CollectionOfOne(data), to: url)
    }

    /// Writes `pieces` one after another to the output file at `url`, holding
    /// only about a megabyte of them at once: a large file is streamed out,
    /// never built whole in memory.
    public func writeOutput<Pieces: Sequence>(pieces: Pieces, to url: URL) throws(OutputFile.Failure)
    where Pieces.Element: DataProtocol {
        try OutputFile.write(pieces: pieces, to: url, staging: outputs)
        outputs.record(url)
    }

    /// Puts a file the stage made itself at `temporary` (from
    /// ``OutputFile/temporaryURL(for:)``, e.g. a new database) in place as `url`,
    /// when the run ends like every other output.
    public func placeOutput(_ temporary: URL, at url: URL) throws(OutputFile.Failure) {
        if outputs.defersRenames {
            outputs.stage(temporary: temporary, final: url)
        } else if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputFile.Failure(path: PathText.display(url), reason: reason)
        }
        outputs.record(url)
    }

    /// Runs `update` holding the lock of `url`, a file that runs change in place
    /// (a database, a feed that keeps its entries), so one run at a time changes
    /// it. When another run holds it, waits up to ``lockWait`` seconds (warning
    /// once), then throws without running `update`, naming the process. In a
    /// run the lock is kept until the run's renames are done.
    public func updatingInPlace<T>(_ url: URL, _ update: () throws -> T) throws -> T {
        let logger = self.logger
        let runLock = try RunLock.acquire(for: url, wait: lockWait, cancellation: cancellation) {
            logger.warning("\($0)")
        }
        guard outputs.defersRenames else {
            defer { runLock.release() }
            return try update()
        }
        outputs.hold(runLock)
        return try update()
    }

    /// Records that `url` was changed in place: written, whatever happens to the rest of the run.
    public func recordInPlace(_ url: URL) {
        outputs.recordInPlace(url)
        outputs.record(url)
    }
}
