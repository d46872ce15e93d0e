import Foundation
import PipeSupport
import PipelineKit

/// One export format: how the run's ``Digest`` becomes its file. Each format
/// is one type (`MarkdownDigest`, `HTMLDigest`, `ContractJSONDigest`,
/// `JSONLinesDigest`, `CSVDigest`, `AtomFeed`, `SQLiteDigest`); the export
/// stage picks it by `format:` and only says where to write.
protocol DigestWriter {
    /// Writes the file at `url` through `context` (``StageContext/writeOutput(_:to:)``
    /// and its siblings), so the run's files land together when it ends.
    func write(to url: URL, context: StageContext) throws
}

/// A format whose file is one text made in memory.
protocol RenderedDigest: DigestWriter {
    func render() -> String
}

extension RenderedDigest {
    func write(to url: URL, context: StageContext) throws {
        try context.writeOutput(render(), to: url)
    }
}

extension MarkdownDigest: RenderedDigest {}
extension HTMLDigest: RenderedDigest {}
extension CSVDigest: RenderedDigest {}
extension AtomFeed: RenderedDigest {}

/// `json`: the whole digest as one JSON document (the contract of docs/), indented for people unless `pretty: false`.
struct ContractJSONDigest: RenderedDigest {
    let digest: Digest
    let pretty: Bool

    func render() -> String {
        let value = ContractJSON.digest(digest)
        return (pretty ? value.pretty : value.compact) + "\n"
    }
}

/// `jsonl`: one line per document.
struct JSONLinesDigest: RenderedDigest {
    let digest: Digest

    /// Documents encoded together when writing.
    static let linesPerChunk = 256

    /// One document's line, newline included.
    static func line(_ document: Document) -> String {
        ContractJSON.document(document).compact + "\n"
    }

    func render() -> String { digest.documents.map(Self.line).joined() }

    /// A chunk of documents at a time, its lines made on `jobs` threads: a large batch is never
    /// held twice as text, and the writing waits on one thread only for the disk.
    func write(to url: URL, context: StageContext) throws {
        let documents = digest.documents
        let chunks = stride(from: 0, to: documents.count, by: Self.linesPerChunk).lazy.map { start in
            let end = min(start + Self.linesPerChunk, documents.count)
            var chunk = Data()
            for line in Parallel.map(end - start, width: context.jobs, { Self.line(documents[start + $0]) }) {
                chunk.append(contentsOf: line.utf8)
            }
            return chunk
        }
        try context.writeOutput(pieces: chunks, to: url)
    }
}

extension SQLiteDigest: DigestWriter {
    /// Upserts into the file in one transaction (rolled back if the run is interrupted first).
    func write(to url: URL, context: StageContext) throws {
        let cancellation = context.cancellation
        do {
            let place: (URL) throws(OutputFile.Failure) -> Void = { temporary throws(OutputFile.Failure) in
                try context.placeOutput(temporary, at: url)
            }
            let written = try write(to: url, place: place) { cancellation.isCancelled }
            if written == .inPlace { context.recordInPlace(url) }
        } catch {
            try context.checkCancellation()  // rolled back because the run was interrupted: not a failure
            throw error
        }
    }
}
