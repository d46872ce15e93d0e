import Foundation
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
        /// Documents set aside by the stages run while reading.
        var processedRejects: [Reject] = []
        /// The stats of the stages run while reading.
        var segmentStats: [RunReport.StageStats] = []
    }

    /// Reads `path` (relative to `base` unless absolute), using up to `jobs` threads.
    public func read(path: String, base: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> Result {
        read(path: path, base: base, jobs: jobs, then: nil)
    }

    /// Reads, passing each document through `segment` on the thread that read
    /// it, so a page's raw content can be dropped before the next file is read.
    ///
    /// With a run `state`, documents an earlier day processed unchanged are
    /// skipped, documents this date's run already finished come from their
    /// checkpoint, and the others are checkpointed as they finish.
    func read(path: String, base: URL, jobs: Int, then segment: DocumentSegment?, state: RunState? = nil) -> Result {
        let found = InputPattern(includeHidden: options.includeHidden, followLinks: options.followLinks).files(at: path, base: base)
        let workers = max(1, min(jobs, found.files.count))
        var perFile = [FileResult](repeating: FileResult(), count: found.files.count)
        var tallies = [DocumentSegment.Tally](repeating: DocumentSegment.Tally(count: segment?.stages.count ?? 0), count: workers)
        let label = segment.map { "read → " + $0.label } ?? "read"
        perFile.withUnsafeMutableBufferPointer { buffer in
            tallies.withUnsafeMutableBufferPointer { tallyBuffer in
                let slots = UnsafeSendable(buffer)
                let tallies = UnsafeSendable(tallyBuffer)
                let next = Counter()
                let done = Counter()
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    while segment?.context.cancellation.isCancelled != true, let index = next.take(below: found.files.count) {
                        let file = found.files[index]
                        var result = readFile(file.url, relative: file.relative, rawPath: file.rawPath)
                        if segment != nil || state != nil {
                            let documents = result.documents
                            result.documents = []
                            for document in documents {
                                let outcome: Swift.Result<Document, Reject>
                                switch state?.decide(document) {
                                case .skip?:
                                    continue
                                case let .resume(finished)?:
                                    outcome = finished
                                case let .process(hash)?:
                                    outcome = segment?.process(document, tally: &tallies.value[worker]) ?? .success(document)
                                    state?.finished(outcome, id: document.id, hash: hash)
                                case nil:
                                    outcome = segment?.process(document, tally: &tallies.value[worker]) ?? .success(document)
                                }
                                switch outcome {
                                case let .success(kept): result.documents.append(kept)
                                case let .failure(reject): result.processed.append(reject)
                                }
                            }
                        }
                        slots.value[index] = result
                        if let segment, let finished = done.take(below: Int.max) {
                            segment.context.progress.update(stage: label, done: finished + 1, total: found.files.count)
                        }
                    }
                }
            }
        }
        segment?.context.progress.finish(stage: label)
        state?.flush()
        var documents: [Document] = []
        var rejects = found.problems.map {
            Reject(id: $0.path, source: $0.path, stage: "read", kind: .unreadable, reason: $0.reason)
        }
        var bytes = 0
        var processed: [Reject] = []
        // Ids must be unique: keep the first by file order, set the rest aside,
        // naming the file that had the id first.
        var firstFile: [String: Int] = [:]
        for (index, result) in perFile.enumerated() {
            let file = found.files[index].relative
            for document in result.documents {
                if let first = firstFile[document.id] {
                    let place = first == index ? "earlier in the same file" : "first read from \(found.files[first].relative)"
                    rejects.append(Reject(id: document.id, source: file, stage: "read", kind: .unreadable,
                                          reason: "duplicate id `\(document.id)` (\(place))"))
                    continue
                }
                firstFile[document.id] = index
                documents.append(document)
            }
            rejects += result.rejects
            processed += result.processed
            bytes += result.bytes
        }
        documents.sort { $0.id < $1.id }
        rejects.sort { ($0.source, $0.id) < ($1.source, $1.id) }
        return Result(documents: documents, rejects: rejects, skipped: found.skipped, files: found.files.count, bytes: bytes,
                      processedRejects: processed, segmentStats: segment?.stats(tallies) ?? [])
    }

    struct FileResult {
        var documents: [Document] = []
        var rejects: [Reject] = []
        var processed: [Reject] = []
        var bytes = 0
    }

    /// Reads one file. Never throws: problems become rejects.
    func readFile(_ url: URL, relative: String, rawPath: [CChar]? = nil) -> FileResult {
        var result = FileResult()
        let gzipped = relative.lowercased().hasSuffix(".gz")
        // Ids are NFC: `é.html` typed on one system and saved decomposed by another is one id.
        let id = (gzipped ? String(relative.dropLast(3)) : relative).precomposedStringWithCanonicalMapping
        func reject(_ reason: String) -> FileResult {
            result.rejects.append(Reject(id: id, source: relative, stage: "read", kind: .unreadable, reason: reason))
            return result
        }
        // Only regular files are read: a FIFO would block the run waiting for a
        // writer, and a device such as /dev/zero never ends.
        if let kind = rawPath.map({ FileKind.of(rawPath: $0) }) ?? FileKind.of(path: url.path), kind != .regular {
            return reject("\(kind.description), not a regular file; not read")
        }
        guard let format = InputFormat(fileName: relative) else {
            return reject("unsupported file type; pipe reads \(InputFormat.extensions.joined(separator: " ")) (optionally .gz)")
        }
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
                let (documents, rejects) = format == .jsonl ? records.readLines(decoded.text) : records.readJSON(decoded.text)
                result.documents += documents
                result.rejects += rejects
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

/// A lock-protected counter handing out indices to worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Carries a value across a concurrency boundary when the code guarantees
/// each thread touches distinct parts of it (distinct buffer slots).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
