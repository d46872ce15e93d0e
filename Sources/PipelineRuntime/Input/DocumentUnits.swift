import Foundation
import PipelineKit

/// What one unit of input (a file, a fetched page) holds once read.
struct UnitContent: Sendable, Codable {
    var documents: [Document] = []
    /// The unit's own problems (unreadable, bad records), each with its reason.
    var rejects: [Reject] = []
    var bytes = 0
    /// What a WARC file's records became; nil for every other unit.
    var warc: WARCCounts?
}

/// A unit being read, its documents a batch at a time in input order, so a
/// unit as large as a crawl file is never held whole: each batch goes through
/// the stages and is dropped before the next is read.
protocol UnitReading: AnyObject {
    /// The next documents; nil once the unit is read.
    func next() -> [Document]?
    /// The unit's rejects, bytes and counts (no documents), complete once ``next()`` returned nil.
    var rest: UnitContent { get }
    /// How much of the unit has been read, 0...1, for a unit long enough to be worth saying so
    /// (a crawl file); nil for a unit read at once.
    var fractionRead: Double? { get }
}

extension UnitReading {
    var fractionRead: Double? { nil }
}

extension UnitReading {
    /// Every batch at once: the unit's content as if read whole.
    func readWhole() -> UnitContent {
        var documents: [Document] = []
        while let batch = next() { documents += batch }
        var content = rest
        content.documents = documents
        return content
    }
}

/// A unit read whole (every format but WARC): its documents come as one batch.
final class WholeUnit: UnitReading {
    private(set) var rest: UnitContent
    private var taken = false

    init(_ content: UnitContent) {
        rest = content
    }

    func next() -> [Document]? {
        guard !taken else { return nil }
        taken = true
        defer { rest.documents = [] }
        return rest.documents
    }
}

/// A run's input as a fixed list of units that workers read one at a time,
/// so a page is read, processed and dropped before the next is taken.
///
/// Sources (files under a path, pages from the web) only make units; the
/// executor decides what to do with each document and runs the stages.
struct DocumentUnits: Sendable {
    /// One name per unit, in input order: duplicate ids name the unit that had the id first.
    var names: [String]
    /// Problems found while listing the input, before any unit is read.
    var listingRejects: [Reject]
    /// Files passed over while listing, by extension.
    var skipped: [String: Int]
    /// How many of the units are files (the rest are fetched pages).
    var files: Int
    private var readers: [@Sendable (Int) -> any UnitReading]
    /// Where each reader's units start, in `names`.
    private var offsets: [Int]

    init(
        names: [String], listingRejects: [Reject] = [], skipped: [String: Int] = [:], files: Int = 0,
        read: @escaping @Sendable (Int) -> UnitContent
    ) {
        self.init(names: names, listingRejects: listingRejects, skipped: skipped, files: files) { index in
            WholeUnit(read(index))
        }
    }

    /// Units read a batch of documents at a time (see ``UnitReading``).
    init(
        names: [String], listingRejects: [Reject] = [], skipped: [String: Int] = [:], files: Int = 0,
        stream: @escaping @Sendable (Int) -> any UnitReading
    ) {
        self.names = names
        self.listingRejects = listingRejects
        self.skipped = skipped
        self.files = files
        readers = [stream]
        offsets = [0]
    }

    /// Documents handed over ready-made (fetched pages), one unit each, with the reasons for those that could not be had.
    init(ready documents: [Document], rejects: [Reject]) {
        self.init(names: documents.map(\.source), listingRejects: rejects) { index in
            UnitContent(documents: [documents[index]])
        }
    }

    var count: Int { names.count }

    /// Reads unit `index` whole. Never throws: problems become rejects.
    func read(_ index: Int) -> UnitContent {
        stream(index).readWhole()
    }

    /// Starts reading unit `index`, its documents to be taken a batch at a time.
    func stream(_ index: Int) -> any UnitReading {
        let reader = offsets.lastIndex { $0 <= index } ?? 0
        return readers[reader](index - offsets[reader])
    }

    /// These units followed by `other`'s.
    func followed(by other: DocumentUnits) -> DocumentUnits {
        var joined = self
        joined.offsets += other.offsets.map { $0 + count }
        joined.readers += other.readers
        joined.names += other.names
        joined.listingRejects += other.listingRejects
        joined.skipped.merge(other.skipped, uniquingKeysWith: +)
        joined.files += other.files
        return joined
    }

    /// Documents sorted by id, ids unique (the first by unit order is kept; the
    /// others are set aside naming the unit that had the id first); rejects
    /// sorted by source.
    func collect(_ contents: [UnitContent]) -> (documents: [Document], rejects: [Reject], bytes: Int) {
        var documents: [Document] = []
        var rejects = listingRejects
        var bytes = 0
        var seen = SeenIDs()
        for (index, content) in contents.enumerated() {
            for document in content.documents {
                if let repeated = seen.repeated(document.id, in: index, of: self) {
                    rejects.append(repeated)
                } else {
                    documents.append(document)
                }
            }
            rejects += content.rejects
            bytes += content.bytes
        }
        documents.sort { $0.id < $1.id }
        rejects.sort { ($0.source, $0.id) < ($1.source, $1.id) }
        return (documents, rejects, bytes)
    }

    /// Why a document whose id unit `first` had already is set aside.
    func duplicate(_ id: String, in unit: Int, first: Int) -> Reject {
        let place = first == unit ? "earlier in the same file" : "first read from \(names[first])"
        return Reject(
            id: id, source: names[unit], stage: "read", kind: .unreadable, reason: "duplicate id `\(id)` (\(place))")
    }
}

/// The ids seen so far and the unit each came from first: the first by unit order is kept,
/// a later document with the same id is set aside naming that unit.
struct SeenIDs: Sendable {
    private var firstUnit: [String: Int] = [:]

    /// Nil when `id` is new (it is now `unit`'s); else why the document is set aside.
    mutating func repeated(_ id: String, in unit: Int, of units: DocumentUnits) -> Reject? {
        if let first = firstUnit[id] { return units.duplicate(id, in: unit, first: first) }
        firstUnit[id] = unit
        return nil
    }
}
