import Foundation
import PipeSupport
import PipelineKit
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an input path into documents; anything that cannot be read becomes
/// a ``Reject`` with its reason instead of stopping the run.
public struct InputReader: Sendable {
    public var options: InputOptions

    public init(options: InputOptions) {
        self.options = options
    }

    /// What reading produced.
    public struct Result: Sendable {
        /// Documents sorted by id; ids are unique.
        public var documents: [Document]
        public var rejects: [Reject]
        /// Files in folders that were passed over, by extension.
        public var skipped: [String: Int]
        public var files: Int
        public var bytes: Int
        /// What WARC files' records became; nil when no WARC file was read.
        public var warc: WARCCounts?
    }

    /// The files under `path` (relative to `base` unless absolute) as units a
    /// worker reads one at a time. Listing reads no file.
    func units(path: String, base: URL) -> DocumentUnits {
        let found = InputPattern(includeHidden: options.includeHidden, followLinks: options.followLinks).files(
            at: path, base: base)
        let files = found.files
        let problems = found.problems.map {
            Reject(id: $0.path, source: $0.path, stage: "read", kind: .unreadable, reason: $0.reason)
        }
        return DocumentUnits(
            names: files.map(\.relative), listingRejects: problems, skipped: found.skipped,
            files: files.count
        ) { index in
            let file = files[index]
            return unit(file.url, relative: file.relative, rawPath: file.rawPath)
        }
    }

    /// One file as a unit: a WARC file read a batch of records at a time, any other file whole.
    func unit(_ url: URL, relative: String, rawPath: [CChar]? = nil) -> any UnitReading {
        guard InputFormat(fileName: relative) == .warc,
            (rawPath.map { FileKind.of(rawPath: $0) } ?? FileKind.of(path: url.path)) == .regular
        else {
            return WholeUnit(readFile(url, relative: relative, rawPath: rawPath))
        }
        // The size limit is each record's: crawl files are about 1 GB, and are never held whole.
        var status = stat()
        let size = (rawPath.map { stat($0, &status) } ?? stat(url.path, &status)) == 0 ? Int(status.st_size) : 0
        return WARCDocuments(
            url: url, relative: relative, rawPath: rawPath, fileBytes: size, limit: options.maxFileBytes)
    }

    /// Reads `path` (relative to `base` unless absolute), using up to `jobs`
    /// threads, without running any stage: the source alone.
    public func read(path: String, base: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> Result {
        let units = units(path: path, base: base)
        let contents = Parallel.map(units.count, width: jobs) { units.read($0) }
        let collected = units.collect(contents)
        return Result(
            documents: collected.documents, rejects: collected.rejects, skipped: units.skipped,
            files: units.files, bytes: collected.bytes, warc: WARCCounts.total(contents.map(\.warc)))
    }

    /// Reads one file. Never throws: problems become rejects.
    func readFile(_ url: URL, relative: String, rawPath: [CChar]? = nil) -> UnitContent {
        var result = UnitContent()
        let gzipped = relative.lowercased().hasSuffix(".gz")
        // Ids are NFC: `é.html` typed on one system and saved decomposed by another is one id.
        let id = (gzipped ? String(relative.dropLast(3)) : relative).precomposedStringWithCanonicalMapping
        func reject(_ reason: String) -> UnitContent {
            result.rejects.append(Reject(id: id, source: relative, stage: "read", kind: .unreadable, reason: reason))
            return result
        }
        // Only regular files are read: a FIFO would block the run waiting for a
        // writer, and a device such as /dev/zero never ends.
        if let kind = rawPath.map({ FileKind.of(rawPath: $0) }) ?? FileKind.of(path: url.path), kind != .regular {
            return reject("\(kind.description), not a regular file; not read")
        }
        guard let format = InputFormat(fileName: relative) else {
            return reject(
                "unsupported file type; pipe reads \(InputFormat.extensions.joined(separator: " ")) (optionally .gz)")
        }
        if format == .warc { return unit(url, relative: relative, rawPath: rawPath).readWhole() }
        let limit = options.maxFileBytes
        // stat(2), not FileManager's attributes: those look up the owner's and group's names too.
        var status = stat()
        if (rawPath.map { stat($0, &status) } ?? stat(url.path, &status)) == 0, Int(status.st_size) > limit {
            let size = Int(status.st_size)
            return reject("file is \(Self.megabytes(size)), over the \(options.maxFileMB) MB limit (input.max_file_mb)")
        }
        var data: Data
        do {
            data = try rawPath.map(RawPathFile.contents) ?? Data(contentsOf: url)
        } catch {
            return reject("cannot read file: \(PipelineLoader.describe(error))")
        }
        result.bytes = data.count
        if gzipped {
            switch Gzip.decompress(data, limit: limit) {
            case let .success(inflated):
                data = inflated
            case .failure(.tooLarge):
                return reject("decompresses to more than the \(options.maxFileMB) MB limit (input.max_file_mb)")
            case let .failure(.corrupt(message)):
                return reject("not a valid gzip file: \(message)")
            }
        }
        do {
            switch format {
            case .html, .text, .markdown:
                let declared = format == .html ? TextDecoding.declaredHTMLCharset(data) : nil
                let decoded = try TextDecoding.decode(data, declared: declared)
                let mediaType: MediaType = format == .html ? .html : format == .markdown ? .markdown : .text
                var document = Document(id: id, source: relative, raw: decoded.text, mediaType: mediaType)
                if let note = decoded.note { document.attributes["encoding"] = .string(note) }
                // Stops at the first visible character; trimming copied the whole page.
                if decoded.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                    return reject("empty file")
                }
                result.documents.append(document)
            case .jsonl, .json:
                let decoded = try TextDecoding.decode(data)
                let records = RecordReader(fileID: id, source: relative)
                let (documents, rejects) =
                    format == .jsonl ? records.readLines(decoded.text) : records.readJSON(decoded.text)
                result.documents += documents
                result.rejects += rejects
            case .warc:
                break  // read above, record by record
            case .feed:
                if let reason = TextDecoding.binaryReason(data) { return reject(reason) }
                switch FeedParser.parse(data, fileID: id, source: relative) {
                case let .success(documents): result.documents += documents
                case let .failure(error): return reject(error.message)
                }
            }
        } catch let TextDecoding.Failure.binary(reason) {
            return reject(reason)
        } catch {
            return reject("cannot decode file: \(error)")
        }
        return result
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
