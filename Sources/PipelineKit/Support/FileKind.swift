import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path is, from stat(2), so readers can refuse what is not a regular
/// file before opening it (opening a FIFO waits for a writer).
package enum FileKind: Equatable, CustomStringConvertible {
    case regular
    case folder
    case fifo
    case device
    case socket
    case other

    /// The kind of the file at `path`, following symbolic links; nil when it cannot be stat'ed.
    package static func of(path: String) -> FileKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kind(status)
    }

    /// The kind of the file at a NUL-terminated path given as bytes (a name that is not UTF-8).
    package static func of(rawPath: [CChar]) -> FileKind? {
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

    package var description: String {
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

/// Reading a file named by raw bytes (a name that is not valid UTF-8, which
/// Foundation's paths cannot carry).
package enum RawPathFile {
    /// The bytes of the file at a NUL-terminated byte path (a name that is not UTF-8).
    package static func contents(_ path: [CChar]) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }
}

/// How paths, file kinds and file errors read in messages, the same in every module.
package enum PathText {
    /// `url` relative to the working directory when it lies inside it, else absolute.
    package static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// A file error as a short phrase ("no such file", "Permission denied").
    package static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }

    /// What a file that is not a regular file is, from its stat(2) mode.
    package static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }
}
