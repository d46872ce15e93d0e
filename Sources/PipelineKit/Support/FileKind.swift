#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path is, from stat(2), so readers can refuse what is not a regular
/// file before opening it (opening a FIFO waits for a writer).
enum FileKind: Equatable, CustomStringConvertible {
    case regular
    case folder
    case fifo
    case device
    case socket
    case other

    /// The kind of the file at `path`, following symbolic links; nil when it cannot be stat'ed.
    static func of(path: String) -> FileKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kind(status)
    }

    /// The kind of the file at a NUL-terminated path given as bytes (a name that is not UTF-8).
    static func of(rawPath: [CChar]) -> FileKind? {
        var status = stat()
        guard stat(rawPath, &status) == 0 else { return nil }
        return kind(status)
    }

    private static func kind(_ status: stat) -> FileKind {
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        case S_IFIFO: return .fifo
        case S_IFCHR, S_IFBLK: return .device
        case S_IFSOCK: return .socket
        default: return .other
        }
    }

    var description: String {
        switch self {
        case .regular: "a regular file"
        case .folder: "a folder"
        case .fifo: "a FIFO (named pipe)"
        case .device: "a device"
        case .socket: "a socket"
        case .other: "a special file"
        }
    }
}
