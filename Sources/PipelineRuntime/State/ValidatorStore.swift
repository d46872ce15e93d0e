import Foundation

/// Where the web input remembers its conditional-GET validators between runs
/// when the pipeline keeps state.
///
/// Every response the fetcher receives is kept in the pipeline's replay folder;
/// the `ETag` and `Last-Modified` that let the next run ask "changed since?"
/// live with the rest of what the pipeline remembers, in its state store, when
/// it has one (without one, the replay folder's index keeps them). Each URL's
/// validators name the replay record they came with, so they are only sent
/// while that record is the one a 304 would stand for.
///
/// Kept apart from ``StateStore`` so a store can offer it or not; a store
/// shared by several machines shares the validators too.
public protocol ValidatorStore: Sendable {
    /// Every URL's validators remembered for `pipeline`, by canonical URL.
    func validators(pipeline: String) throws -> [String: RememberedValidators]

    /// Remembers `validators` for their URLs, replacing what was kept for
    /// them; a URL whose validators are empty is forgotten. One transaction.
    func saveValidators(_ validators: [String: RememberedValidators], pipeline: String) throws
}

/// Validators from an earlier fetch, sent as `If-None-Match` / `If-Modified-Since`.
public struct Validators: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// A URL's validators and the replay record of the response they came with.
public struct RememberedValidators: Sendable, Equatable, Codable {
    public var validators: Validators
    /// The replay folder's record of that response (`fetch-<date>.warc.gz@<offset>`).
    public var record: String

    public init(validators: Validators, record: String) {
        self.validators = validators
        self.record = record
    }
}
