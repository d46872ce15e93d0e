import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where outputs go and how they are written: placeholders, folder checks,
/// atomic replacement.
public enum OutputFile {
    /// Why an output could not be written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }

        /// A failure to write `path`, for stages that write files themselves (a database, say).
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The placeholders a path template may use.
    public static let placeholders = ["date", "name", "format"]

    /// What is wrong with an output path template before any run: empty,
    /// naming a folder (`out/`, `out/..`, `out/.`), or an unknown or unclosed
    /// placeholder. Nil when it is fine.
    public static func problem(withTemplate template: String) -> String? {
        if template.isEmpty { return "the path is empty" }
        let last = template.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if template.hasSuffix("/") || last == "." || last == ".." {
            return "the path names a folder; add a file name"
        }
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            // `${VAR}` left by an unset variable is reported as that; it is no placeholder.
            if open > rest.startIndex, rest[rest.index(before: open)] == "$" {
                rest = rest[rest.index(after: open)...]
                continue
            }
            guard let close = rest[open...].firstIndex(of: "}") else {
                return "`{` without a closing `}`; placeholders are \(placeholderList)"
            }
            let name = rest[rest.index(after: open)..<close]
            if !placeholders.contains(String(name)) {
                let suggestion =
                    Suggestion.nearest(to: String(name), in: placeholders).map { " (did you mean {\($0)}?)" } ?? ""
                return "unknown placeholder {\(name)}\(suggestion); placeholders are \(placeholderList)"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    private static var placeholderList: String { placeholders.map { "{\($0)}" }.joined(separator: ", ") }

    /// Resolves an output path template for a run.
    ///
    /// `{date}`, `{name}` and `{format}` are replaced; the result must stay
    /// inside the folder the template names before its first placeholder, so
    /// a placeholder can never lead outside it. Relative templates start at the
    /// pipeline's folder; with `--output`, every file goes into that folder
    /// under its own name.
    public static func resolve(_ template: String, format: String, context: StageContext) throws(Failure) -> URL {
        let values = ["date": context.runDate, "name": context.pipelineName, "format": format]
        var path = template
        for (key, value) in values {
            path = path.replacingOccurrences(of: "{\(key)}", with: value)
        }
        if let open = path.range(of: "{"), let close = path[open.upperBound...].firstIndex(of: "}") {
            let unknown = path[open.lowerBound...close]
            throw Failure(path: template, reason: "unknown placeholder \(unknown); use {date}, {name} or {format}")
        }
        let base = context.baseDirectory
        let staticPrefix = template.range(of: "{").map { String(template[..<$0.lowerBound]) } ?? template
        let staticFolder = URL(
            resolving: staticPrefix.range(of: "/", options: .backwards).map { String(staticPrefix[..<$0.upperBound]) }
                ?? ".", against: base)
        var url = URL(resolving: path, against: base)
        guard
            url.path == staticFolder.path
                || url.path.hasPrefix(staticFolder.path == "/" ? "/" : staticFolder.path + "/")
        else {
            throw Failure(path: path, reason: "a placeholder takes the path outside \(staticFolder.path)")
        }
        if url.hasDirectoryPath || url.lastPathComponent.isEmpty {
            throw Failure(path: path, reason: "the path names a folder, not a file")
        }
        if let override = context.outputOverride {
            url = override.appendingPathComponent(url.lastPathComponent)
        }
        return url
    }

    /// Writes `data` to `url` atomically: a temporary file in the same folder,
    /// then a rename, so readers see the old file or the new one, never half of
    /// one. Creates missing folders.
    package static func write(_ data: Data, to url: URL, staging: OutputLog? = nil) throws(Failure) {
        try write(pieces: CollectionOfOne(data), to: url, staging: staging)
    }

    /// Writes text as UTF-8, atomically.
    package static func write(_ text: String, to url: URL, staging: OutputLog? = nil) throws(Failure) {
        try write(Data(text.utf8), to: url, staging: staging)
    }

    /// Throws unless `url` names nothing or a regular file: the only things a
    /// run may replace. A device, FIFO, socket or symbolic link stays as it is
    /// (lstat(2): nothing is opened, so a FIFO cannot block).
    public static func checkReplaceable(_ url: URL) throws(Failure) {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw Failure(path: PathText.display(url), reason: "a folder of that name exists") }
        if kind != S_IFREG {
            throw Failure(
                path: PathText.display(url),
                reason: "it is \(PathText.kind(of: status.st_mode)); pipe replaces only regular files")
        }
    }

    /// The name of this process's temporary file for `url`: `.NAME.PID.tmp` beside it.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    }

    /// Removes `.NAME.PID.tmp` files (and their `-journal`) that runs killed
    /// while writing `url` left behind, but only those whose process is gone:
    /// a running process's files are not leftovers.
    public static func removeLeftovers(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            var rest = name.dropFirst(prefix.count)
            if rest.hasSuffix("-journal") { rest = rest.dropLast("-journal".count) }
            guard rest.hasSuffix(".tmp") else { continue }
            let digits = rest.dropLast(".tmp".count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let pid = Int32(digits),
                pid > 0, pid != getpid()
            else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }

    /// Writes `pieces` one after another, atomically, holding only about a
    /// megabyte of them in memory at once: a JSONL file of 100k documents is
    /// streamed out, never built whole.
    ///
    /// With a `staging` log that defers renames, the temporary file is left
    /// for ``OutputLog/commit()`` to rename together with the run's others.
    package static func write<Pieces: Sequence>(pieces: Pieces, to url: URL, staging: OutputLog? = nil) throws(Failure)
    where Pieces.Element: DataProtocol {
        let folder = url.deletingLastPathComponent()
        let display = PathText.display(url)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(
                path: display, reason: "cannot create folder \(PathText.display(folder)): \(PathText.describe(error))")
        }
        try checkReplaceable(url)
        removeLeftovers(of: url)
        let temporary = temporaryURL(for: url)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            let reason = access(folder.path, W_OK) == 0 ? "cannot create a file there" : "folder is not writable"
            throw Failure(path: display, reason: reason)
        }
        do {
            var buffer = Data()
            buffer.reserveCapacity(Self.bufferSize)
            for piece in pieces {
                buffer.append(contentsOf: piece)
                if buffer.count >= Self.bufferSize {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary.path)
            throw Failure(path: display, reason: "cannot write: \(PathText.describe(error))")
        }
        if let staging, staging.defersRenames {
            staging.stage(temporary: temporary, final: url)
            return
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure(path: display, reason: reason)
        }
    }

    private static let bufferSize = 1 << 20
}
