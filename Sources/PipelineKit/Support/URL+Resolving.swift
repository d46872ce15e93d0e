import Foundation

extension URL {
    /// `path` as written in a pipeline or test file: absolute as it stands, otherwise relative to
    /// `base` (the folder of the file it was written in). `.` and `..` are resolved.
    public init(resolving path: String, against base: URL) {
        self =
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
    }
}
