import Foundation
import PipelineKit
import PipelineRuntime

/// The replay folder: every response fetched, as WARC, and an index of the
/// latest record per URL; the conditional-GET validators beside it.
///
/// `index.json` maps each canonical URL to the file and offset of its latest
/// full response (a 304 leaves it pointing at the response it confirmed), its
/// status, fetch time and final URL. The response's `ETag` and `Last-Modified`
/// go to the pipeline's state store when it has one (a ``ValidatorStore``),
/// bound to the record they came with; without one, the index keeps them. Responses go to
/// `fetch-<date>.warc.gz` (request and response records; a 304 as a `revisit`
/// record), one gzip member per record so the index can seek to any of them.
/// A record holds the response as received on the wire (a gzip body stays
/// compressed, chunks stay chunked); reading it back decodes it with the files'
/// bomb limit, online and offline alike, so an offline run makes the same documents.
public final class ReplayStore: @unchecked Sendable {
    /// What the index keeps for one URL.
    public struct Entry: Codable, Sendable, Equatable {
        public var file: String
        public var offset: UInt64
        public var status: Int
        public var fetched: String
        public var finalURL: String
        public var etag: String?
        public var lastModified: String?
        /// Why the latest fetch failed, kept so an offline run sets the URL aside for the same reason.
        public var failed: String?
    }

    public let folder: URL
    private let lock = NSLock()
    private var index: [String: Entry]
    private var writer: WARCWriter?
    private let warcName: String
    /// The state store keeping validators, and the pipeline they belong to; nil: the index keeps them.
    private let validatorStore: (store: any ValidatorStore, pipeline: String)?
    /// The validators the state store held when the folder was opened, updated as responses come in.
    private var remembered: [String: RememberedValidators] = [:]
    /// Validators changed by this run, saved to the state store by ``save()``.
    private var changedValidators: [String: RememberedValidators] = [:]

    /// The body limit of replayed responses (the files' `max_file_mb`): a kept gzip body inflates no further.
    private let maxBytes: Int

    /// Opens (or creates) the folder; responses of this run go to `fetch-<runDate>.warc.gz`.
    /// With `validatorStore`, validators are read from and kept in it under `pipeline`'s name.
    /// Kept bodies are decoded with `maxBytes` as their limit.
    public init(
        folder: URL, runDate: String, validatorStore: (any ValidatorStore)? = nil, pipeline: String = "",
        maxBytes: Int = 20 * 1_048_576
    ) throws {
        self.maxBytes = maxBytes
        self.folder = folder
        self.warcName = "fetch-\(runDate).warc.gz"
        let indexURL = folder.appendingPathComponent("index.json")
        if FileManager.default.fileExists(atPath: indexURL.path) {
            let data = try Data(contentsOf: indexURL)
            index = try JSONDecoder().decode([String: Entry].self, from: data)
        } else {
            index = [:]
        }
        self.validatorStore = validatorStore.map { ($0, pipeline) }
        if let validatorStore {
            remembered = try validatorStore.validators(pipeline: pipeline)
        }
    }

    /// Names the record an index entry points at, to bind validators to it.
    static func record(_ entry: Entry) -> String {
        "\(entry.file)@\(entry.offset)"
    }

    /// The entry for `url`, if it was fetched before.
    public func entry(_ url: String) -> Entry? {
        lock.withLock { index[url] }
    }

    /// Validators for a conditional GET of `url`: only while the folder holds
    /// the response they describe, which a 304 would then stand for.
    public func validators(_ url: String) -> Validators? {
        lock.withLock {
            guard let entry = index[url], !entry.file.isEmpty else { return nil }
            if validatorStore != nil {
                guard let kept = remembered[url], kept.record == Self.record(entry), !kept.validators.isEmpty else {
                    return nil
                }
                return kept.validators
            }
            guard entry.etag != nil || entry.lastModified != nil else { return nil }
            return Validators(etag: entry.etag, lastModified: entry.lastModified)
        }
    }

    /// Keeps a fetched page (a 200, or a 304 confirming the stored one) and returns its stored response.
    public func keep(_ page: FetchedPage) throws -> StoredResponse {
        try lock.withLock {
            if writer == nil { writer = try WARCWriter(url: folder.appendingPathComponent(warcName)) }
            guard let writer else { throw CocoaError(.fileWriteUnknown) }
            let request = HTTPMessage(
                status: 0, startLine: "GET \(URLCanonicalizer.pathAndQuery(page.finalURL)) HTTP/1.1",
                headers: [("Host", String(URLCanonicalizer.hostKey(page.finalURL).drop { $0 != "/" }.dropFirst(2)))]
                    + page.requestHeaders, body: Data())
            try writer.write(
                WARCRecord(
                    type: "request", targetURI: page.finalURL, date: page.fetchedAt,
                    contentType: "application/http;msgtype=request", block: request.serialized))
            if page.status == 304, var previous = index[page.url], !previous.file.isEmpty {
                previous.failed = nil
                index[page.url] = previous
                let (block, note) = Self.responseBlock(page)
                try writer.write(
                    WARCRecord(
                        type: "revisit", targetURI: page.finalURL, date: page.fetchedAt,
                        contentType: "application/http;msgtype=response", block: block,
                        extra: [
                            ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/server-not-modified"),
                            ("WARC-Refers-To-Target-URI", previous.finalURL),
                        ] + note))
                return try load(previous)
            }
            let (block, note) = Self.responseBlock(page)
            let offset = try writer.write(
                WARCRecord(
                    type: "response", targetURI: page.finalURL, date: page.fetchedAt,
                    contentType: "application/http;msgtype=response", block: block, extra: note))
            var entry = Entry(
                file: warcName, offset: offset, status: page.status, fetched: Timestamp.iso8601(page.fetchedAt),
                finalURL: page.finalURL)
            let validators = Validators(etag: page["ETag"], lastModified: page["Last-Modified"])
            if validatorStore == nil {
                entry.etag = validators.etag
                entry.lastModified = validators.lastModified
            } else if !validators.isEmpty || remembered[page.url] != nil {
                let kept = RememberedValidators(validators: validators, record: Self.record(entry))
                remembered[page.url] = kept
                changedValidators[page.url] = kept
            }
            index[page.url] = entry
            // What an offline run will read back from the record: the same decoding of the same bytes.
            return try response(block, url: page.finalURL, fetched: Timestamp.parse(entry.fetched) ?? page.fetchedAt)
        }
    }

    /// A response record's block: the bytes as received when the transport
    /// gives them; otherwise (URLSession, over https) the response rebuilt from
    /// what it reports, with a `Pipe-Payload-Note` WARC field saying so.
    static func responseBlock(_ page: FetchedPage) -> (block: Data, note: [(name: String, value: String)]) {
        if let wire = page.wire { return (wire, []) }
        // The body came decoded: drop the headers that described the encoding on the wire.
        var headers = page.headers.filter {
            !["content-encoding", "content-length", "transfer-encoding"].contains($0.name.lowercased())
        }
        if let encoding = page["Content-Encoding"] { headers.append(("X-Pipe-Decoded-Content-Encoding", encoding)) }
        if page.status != 304 { headers.append(("Content-Length", String(page.body.count))) }
        let startLine = page.status == 304 ? "HTTP/1.1 304 Not Modified" : "HTTP/1.1 \(page.status)"
        let message = HTTPMessage(status: page.status, startLine: startLine, headers: headers, body: page.body)
        return (
            message.serialized,
            [
                (
                    "Pipe-Payload-Note",
                    "not the bytes received: URLSession decoded the body and reports "
                        + "the headers without their order or case; the Content-Encoding received, if any, is "
                        + "in X-Pipe-Decoded-Content-Encoding"
                )
            ]
        )
    }

    /// The stored response of a record's block, decoded as the live response was (chunks joined, gzip inflated within the limit).
    private func response(_ block: Data, url: String, fetched: Date) throws -> StoredResponse {
        guard let http = HTTPMessage.parse(block) else {
            throw ReplayError(message: "the response kept for \(url) has no HTTP header section")
        }
        switch http.decoded(limit: maxBytes) {
        case let .success(message): return StoredResponse(url: url, message: message, fetched: fetched)
        case let .failure(failure):
            throw ReplayError(message: "the response kept for \(url) cannot be decoded: \(failure.message)")
        }
    }

    /// Remembers that fetching `url` failed; an earlier good response stays for conditional requests.
    public func keepFailure(_ url: String, reason: String) {
        lock.withLock {
            var entry = index[url] ?? Entry(file: "", offset: 0, status: 0, fetched: "", finalURL: url)
            entry.failed = reason
            index[url] = entry
        }
    }

    /// The stored response for `url`, for offline runs: nil when never fetched,
    /// a ``ReplayError`` with the original reason when the last fetch failed.
    public func stored(_ url: String) throws -> StoredResponse? {
        guard let entry = entry(url) else { return nil }
        if let failed = entry.failed { throw ReplayError(message: failed) }
        return try load(entry)
    }

    /// Writes the index (sorted, atomically), closes the WARC file, then
    /// saves the validators this run changed to the state store, if there is one
    /// (validators saved without their index entry are never sent: they name a record the index does not).
    public func save() throws {
        try lock.withLock {
            try writer?.close()
            writer = nil
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = try encoder.encode(index)
            try OutputFile.write(data + Data("\n".utf8), to: folder.appendingPathComponent("index.json"))
            if let validatorStore, !changedValidators.isEmpty {
                do {
                    try validatorStore.store.saveValidators(changedValidators, pipeline: validatorStore.pipeline)
                } catch {
                    throw ReplayError(message: "cannot keep the validators in the state store: \(error)")
                }
                changedValidators = [:]
            }
        }
    }

    private func load(_ entry: Entry) throws -> StoredResponse {
        // The writer's FileHandle writes through (no buffer), so its records can be read back at once.
        let reader = try WARCReader(
            url: folder.appendingPathComponent(entry.file), maxRecordBytes: 1 << 30, offset: entry.offset)
        guard case let .record(record, _)? = reader.next() else {
            throw ReplayError(
                message:
                    "the replay folder's record for \(entry.finalURL) cannot be read (\(entry.file) at \(entry.offset))"
            )
        }
        return try response(record.block, url: entry.finalURL, fetched: record.date ?? Date(timeIntervalSince1970: 0))
    }
}

/// A response as kept in the replay folder.
public struct StoredResponse: Sendable {
    /// The final URL.
    public var url: String
    public var message: HTTPMessage
    public var fetched: Date
}

/// The replay folder cannot serve a record.
public struct ReplayError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
