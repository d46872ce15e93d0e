import Foundation
import PipelineKit
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the files an input path names: a file, a folder (recursively) or a glob.
///
/// A path that exists is read as that path, whatever characters its folders'
/// names hold (`news [2026]/`); only the part the user wrote is ever a glob.
/// Symbolic links that lead outside the input's root are set aside unless
/// `followLinks`; anything but a regular file or folder (FIFO, device,
/// socket) is set aside unread, so reading never blocks on it.
struct InputPattern {
    let includeHidden: Bool
    var followLinks = false

    /// True when `path` has glob characters (`*`, `?`, `[`).
    static func isGlob(_ path: String) -> Bool {
        path.contains("*") || path.contains("?") || path.contains("[")
    }

    struct Found {
        /// Files, sorted by path, with the root they are relative to.
        /// `rawPath` is set for a file whose name is not valid UTF-8: its bytes as
        /// the file system has them (the URL and `relative` carry an escaped name).
        var files: [(url: URL, relative: String, rawPath: [CChar]?)]
        /// Files passed over in folders (unsupported extensions), by extension.
        var skipped: [String: Int]
        /// Folders and files not read, with why (symlink loops, links leaving the root, FIFOs).
        var problems: [(path: String, reason: String)]
    }

    /// The files `path` names; `path` is relative to `base` unless absolute, and only `path` itself may be a glob.
    func files(at path: String, base: URL) -> Found {
        let absolute = path.hasPrefix("/") ? path : base.appendingPathComponent(path).path
        var found = Found(files: [], skipped: [:], problems: [])
        if Self.isGlob(path), access(absolute, F_OK) != 0 {
            let literalPrefix = path.hasPrefix("/") ? "" : base.path.hasSuffix("/") ? base.path : base.path + "/"
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            let staticCount = components.firstIndex { Self.isGlob(String($0)) } ?? components.count
            let rootPath = literalPrefix + components[..<staticCount].joined(separator: "/")
            let root = URL(fileURLWithPath: rootPath.isEmpty ? "/" : rootPath)
            let matcher = Self.regex(forGlob: path, literalPrefix: literalPrefix)
            var visited = Set<String>()
            walk(root, root: root, realRoot: Self.realPath(root.path), into: &found, visited: &visited) { candidate in
                candidate.path.wholeMatch(of: matcher) != nil
            }
        } else {
            let url = URL(fileURLWithPath: absolute).standardizedFileURL
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                var visited = Set<String>()
                walk(url, root: url, realRoot: Self.realPath(url.path), into: &found, visited: &visited) { _ in true }
            } else {
                found.files.append((url, url.lastPathComponent, nil))
            }
        }
        found.files.sort { $0.relative < $1.relative }
        return found
    }

    private func walk(
        _ folder: URL, root: URL, realRoot: String?, into found: inout Found, visited: inout Set<String>,
        matches: (URL) -> Bool
    ) {
        let real = folder.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            found.problems.append((relative(folder, to: root), "symbolic link loop; folder not read again"))
            return
        }
        let entries: [DirectoryEntry]
        do {
            entries = try DirectoryEntry.list(folder.path)
        } catch {
            found.problems.append((relative(folder, to: root), "cannot list folder: \(error.reason)"))
            return
        }
        for entry in entries where includeHidden || !entry.name.hasPrefix(".") {
            let name = entry.name
            if let raw = entry.rawName {
                // Not valid UTF-8: read through its bytes, named with the bad bytes escaped.
                let child = folder.appendingPathComponent(name)
                guard matches(child), InputFormat(fileName: name) != nil else { continue }
                var path = Array(folder.path.utf8CString.dropLast()) + [CChar(UInt8(ascii: "/"))]
                path += raw.map { CChar(bitPattern: $0) } + [0]
                if !followLinks, let realRoot, let resolved = realpath(path, nil) {
                    let target = String(cString: resolved)
                    free(resolved)
                    if !Self.isInside(target, realRoot) {
                        found.problems.append(
                            (
                                relative(child, to: root),
                                "symbolic link to \(target), outside the input folder; not read (input.follow_links: true reads it)"
                            ))
                        continue
                    }
                }
                if FileKind.of(rawPath: path) != .folder {
                    found.files.append((child, relative(child, to: root), path))
                }
                continue
            }
            let child = folder.appendingPathComponent(name)
            var status = stat()
            guard lstat(child.path, &status) == 0 else {
                found.problems.append((relative(child, to: root), "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            if status.st_mode & S_IFMT == S_IFLNK {
                guard let target = Self.realPath(child.path), stat(child.path, &status) == 0 else {
                    found.problems.append((relative(child, to: root), "broken symbolic link"))
                    continue
                }
                if !followLinks, let realRoot, !Self.isInside(target, realRoot) {
                    found.problems.append(
                        (
                            relative(child, to: root),
                            "symbolic link to \(target), outside the input folder; not read (input.follow_links: true reads it)"
                        ))
                    continue
                }
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                walk(child, root: root, realRoot: realRoot, into: &found, visited: &visited, matches: matches)
            case S_IFREG:
                guard matches(child) else { continue }
                if InputFormat(fileName: name) != nil {
                    found.files.append((child, relative(child, to: root), nil))
                } else {
                    found.skipped[URL(fileURLWithPath: name).pathExtension.lowercased(), default: 0] += 1
                }
            default:
                guard matches(child) else { continue }
                found.problems.append(
                    (relative(child, to: root), "\(PathText.kind(of: status.st_mode)), not a regular file; not read"))
            }
        }
    }

    /// Whether `path` is `root` or inside it (both with links resolved).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// The path with every symbolic link resolved, or nil when it leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func relative(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path, rootPath = root.standardizedFileURL.path
        if path.hasPrefix(rootPath + "/") { return String(path.dropFirst(rootPath.count + 1)) }
        return url.lastPathComponent
    }

    /// A regex for a glob: `**/` matches any folders, `*` and `?` stay inside one name.
    /// `literalPrefix` (the pipeline's folder) is matched as written, never as a glob.
    static func regex(forGlob glob: String, literalPrefix: String = "") -> Regex<Substring> {
        var pattern = NSRegularExpression.escapedPattern(for: literalPrefix)
        var chars = Array(glob)[...]
        while let char = chars.popFirst() {
            switch char {
            case "*":
                if chars.first == "*" {
                    chars.removeFirst()
                    if chars.first == "/" {
                        chars.removeFirst()
                        pattern += "(?:.*/)?"
                    } else {
                        pattern += ".*"
                    }
                } else {
                    pattern += "[^/]*"
                }
            case "?": pattern += "[^/]"
            case "[":
                if let close = chars.firstIndex(of: "]") {
                    pattern += "[" + String(chars[..<close]).replacingOccurrences(of: "!", with: "^") + "]"
                    chars = chars[chars.index(after: close)...]
                } else {
                    pattern += "\\["
                }
            default:
                pattern += NSRegularExpression.escapedPattern(for: String(char))
            }
        }
        return (try? Regex(pattern)) ?? (try! Regex("(?!)"))
    }
}

/// The input formats, by file extension (after removing `.gz`).
///
/// A `.warc` file is not read whole: ``WARCDocuments`` reads it record by record, each
/// gzip member on its own, so a 1 GB crawl file is never in memory.
public enum InputFormat: String, Sendable, CaseIterable {
    case html, text, markdown, json, jsonl, feed, warc

    public init?(fileName: String) {
        var name = fileName.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        // The extension of the last path component; none for ".profile" or "notes". (Not
        // `URL(fileURLWithPath:)`: that asks the file system whether the name is a directory.)
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        switch last[last.index(after: dot)...] {
        case "html", "htm": self = .html
        case "txt": self = .text
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "xml", "rss", "atom": self = .feed
        case "warc": self = .warc
        default: return nil
        }
    }

    /// The extensions read, for help text.
    public static let extensions = [".html", ".htm", ".txt", ".md", ".json", ".jsonl", ".xml", ".warc"]
}

/// One name in a folder, read with readdir(3) so that names which are not
/// valid UTF-8 are seen as they are (Foundation's listing mangles them, and
/// the file then looks missing).
struct DirectoryEntry {
    struct Failure: Error { let reason: String }

    /// The name, with bytes that are not UTF-8 written as `\xE9`.
    let name: String
    /// The name's bytes when they are not valid UTF-8; nil otherwise.
    let rawName: [UInt8]?

    /// The entries of `path` but `.` and `..`, sorted by name.
    static func list(_ path: String) throws(Failure) -> [DirectoryEntry] {
        guard let directory = opendir(path) else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(directory) {
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                Array(buffer.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                entries.append(DirectoryEntry(name: name, rawName: nil))
            } else {
                entries.append(DirectoryEntry(name: escaped(bytes), rawName: bytes))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// `bytes` as text, each byte that is not part of valid UTF-8 written as `\xE9`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one escaped byte.
            var taken = false
            for length in 1...4 where index + length <= bytes.count {
                if let piece = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                    out += piece
                    index += length
                    taken = true
                    break
                }
            }
            if !taken {
                out += "\\x" + String(format: "%02X", bytes[index])
                index += 1
            }
        }
        return out
    }
}
