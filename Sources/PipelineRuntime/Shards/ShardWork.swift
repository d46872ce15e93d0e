import CZlib
import Foundation
import PipeSupport
import PipelineKit

/// The work folder of a sharded run: how the input is shared out, and where
/// each step leaves its result and its completion marker.
///
/// A sharded run is the same ``RunPlan`` cut at its shard boundary. The
/// **map** step, once per rank, reads its share of the input units and runs the
/// per-document segment on them (with the state store's skip, resume and
/// checkpoints), writing one shard file. The **reduce** step lists the input
/// again (names only), takes every unit's result from the shard files in the
/// input's order, and runs the rest of the plan — stories carried, batch
/// stages, exports, the run's record — exactly as one process does, so the
/// outputs are the same bytes.
///
/// Every file is written under a temporary name and renamed; a step is done
/// when its marker exists, so a rerun (of `pipe run --shards`, or of an
/// engine's failed tasks) runs only the ranks without one.
public struct ShardWork: Sendable {
    /// How many map tasks share the input.
    public let world: Int
    public let folder: URL

    public init(world: Int, folder: URL) {
        self.world = max(1, world)
        self.folder = folder
    }

    /// The rank whose share holds the unit named `name`: a stable hash of the
    /// name, so the share depends neither on the order the input is listed in
    /// nor on the machine that lists it.
    public static func rank(of name: String, world: Int) -> Int {
        Int(StableHash.fnv1a(name) % UInt64(max(1, world)))
    }

    func label(_ rank: Int) -> String {
        let width = max(5, String(world).count)
        func padded(_ value: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "map-\(padded(rank))-of-\(padded(world))"
    }

    /// The shard file of `rank`: its units as JSON lines, gzip-compressed.
    public func shardFile(_ rank: Int) -> URL { folder.appendingPathComponent(label(rank) + ".jsonl.gz") }
    /// Written after the shard file, with its size and CRC-32: the rank is done.
    public func marker(_ rank: Int) -> URL { folder.appendingPathComponent(label(rank) + ".done") }
    /// Written after the reduce step committed the outputs.
    public var reduceMarker: URL { folder.appendingPathComponent("reduce.done") }
    /// What run the folder belongs to (``Identity``).
    public var identityFile: URL { folder.appendingPathComponent("run.json") }
    /// Where `pipe run --shards` sends a map task's messages.
    public func log(_ rank: Int) -> URL { folder.appendingPathComponent(label(rank) + ".log") }

    /// Ranks whose marker is missing or does not match their shard file.
    public func missingRanks() -> [Int] {
        (0..<world).filter { (try? verify($0)) == nil }
    }

    // MARK: The run a folder belongs to

    /// What must agree between the steps of one sharded run: the pipeline,
    /// its options, the input, the date, the state, the program build and
    /// the world size. A folder made for another run is refused rather than
    /// mixed into this one.
    public struct Identity: Codable, Equatable, Sendable {
        public var pipeline: String
        public var date: String
        public var world: Int
        public var fingerprint: String

        public init(pipeline: String, date: String, world: Int, fingerprint: String) {
            self.pipeline = pipeline
            self.date = date
            self.world = world
            self.fingerprint = fingerprint
        }
    }

    /// The folder's problem, in words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Creates the folder and records `identity`, or checks that a folder made
    /// before records the same: steps of one run may start in any order.
    public func claim(_ identity: Identity) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create the work folder \(PathText.display(folder)): \(PathText.describe(error))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(identity)
        if let existing = FileManager.default.contents(atPath: identityFile.path) {
            guard let found = try? JSONDecoder().decode(Identity.self, from: existing) else {
                throw Failure(
                    "\(PathText.display(identityFile)) is not a pipe work folder's record; choose another --work")
            }
            guard found == identity else {
                throw Failure(
                    "the work folder \(PathText.display(folder)) belongs to another run (\(found.pipeline), "
                        + "\(found.date), \(found.world) shards, fingerprint \(found.fingerprint); this one is "
                        + "\(identity.pipeline), \(identity.date), \(identity.world) shards, \(identity.fingerprint)): "
                        + "remove it or choose another --work")
            }
            return
        }
        // Several tasks may start together: link(2) publishes the record only if none exists yet.
        let temporary = OutputFile.temporaryURL(for: identityFile)
        try write(data, to: temporary)
        defer { unlink(temporary.path) }
        if link(temporary.path, identityFile.path) != 0 {
            let error = errno
            if error == EEXIST { return try claim(identity) }
            throw Failure("cannot write \(PathText.display(identityFile)): \(String(cString: strerror(error)))")
        }
    }

    // MARK: Shard files

    /// One input unit's result in a shard file.
    struct UnitRecord: Codable {
        var unit: Int
        var name: String
        var processed: DocumentPhase.Processed
    }

    /// A shard file's last line: what the rank did besides its units.
    struct Summary: Codable {
        var rank: Int
        var world: Int
        var units: Int
        var tallies: [DocumentSegment.Tally]
        var state: RunState.Tally?
    }

    /// The summary as the shard file's last line holds it.
    struct SummaryLine: Codable {
        var summary: Summary
    }

    /// A completed rank's marker.
    struct Marker: Codable {
        var rank: Int
        var world: Int
        var units: Int
        var bytes: Int
        var crc32: UInt32
    }

    /// Opens rank `rank`'s shard file for writing (``ShardWriter``).
    func shardWriter(rank: Int, names: [String]) throws -> ShardWriter {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create the work folder \(PathText.display(folder)): \(PathText.describe(error))")
        }
        return try ShardWriter(work: self, rank: rank, names: names)
    }

    /// Puts a finished shard file in place and then its marker: the rank is done.
    fileprivate func publish(rank: Int, temporary: URL, marker: Marker) throws {
        let file = shardFile(rank)
        guard rename(temporary.path, file.path) == 0 else {
            unlink(temporary.path)
            throw Failure("cannot write \(PathText.display(file)): \(String(cString: strerror(errno)))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let markerTemporary = OutputFile.temporaryURL(for: self.marker(rank))
        try write(try encoder.encode(marker), to: markerTemporary)
        guard rename(markerTemporary.path, self.marker(rank).path) == 0 else {
            unlink(markerTemporary.path)
            throw Failure("cannot write \(PathText.display(self.marker(rank))): \(String(cString: strerror(errno)))")
        }
    }

    /// Rank `rank`'s shard file, checked against its marker; throws when it is missing or damaged.
    @discardableResult
    func verify(_ rank: Int) throws -> Data {
        guard let markerData = FileManager.default.contents(atPath: marker(rank).path),
            let marker = try? JSONDecoder().decode(Marker.self, from: markerData)
        else { throw Failure("shard \(rank) of \(world) has not finished (no \(PathText.display(self.marker(rank))))") }
        guard let data = FileManager.default.contents(atPath: shardFile(rank).path) else {
            throw Failure("shard \(rank) of \(world): \(PathText.display(shardFile(rank))) is missing")
        }
        guard marker.rank == rank, marker.world == world, marker.bytes == data.count, marker.crc32 == Self.crc32(data)
        else {
            throw Failure(
                "shard \(rank) of \(world): \(PathText.display(shardFile(rank))) does not match its marker (damaged or from another run)"
            )
        }
        return data
    }

    /// Rank `rank`'s units and summary.
    func readShard(_ rank: Int) throws -> (partial: DocumentPhase.Partial, state: RunState.Tally?, names: [Int: String])
    {
        let compressed = try verify(rank)
        let decoder = JSONDecoder()
        var summary: Summary?
        var units: [Int: DocumentPhase.Processed] = [:]
        var names: [Int: String] = [:]
        let summaryStart = Data(ShardWriter.summaryKey.utf8)
        func take(_ line: Data) throws {
            guard !line.isEmpty else { return }
            guard summary == nil else {
                throw Failure(
                    "shard \(rank) of \(world): \(PathText.display(shardFile(rank))) goes on after its summary")
            }
            if line.starts(with: summaryStart) {
                summary = try decoder.decode(SummaryLine.self, from: line).summary
                return
            }
            let record = try decoder.decode(UnitRecord.self, from: line)
            units[record.unit] = record.processed
            names[record.unit] = record.name
        }
        // Lines are decoded as they are inflated: the shard's JSON is never held whole.
        var pending = Data()
        let inflated = try Gzip.inflating(compressed, limit: Int.max) { piece in
            var rest = piece[...]
            while let newline = rest.firstIndex(of: 0x0A) {
                pending.append(contentsOf: rest[..<newline])
                try take(pending)
                pending.removeAll(keepingCapacity: true)
                rest = rest[(newline + 1)...]
            }
            pending.append(contentsOf: rest)
        }
        if case let .failure(failure) = inflated {
            throw Failure("shard \(rank) of \(world) cannot be read: \(failure)")
        }
        try take(pending)
        guard let summary, summary.rank == rank, summary.world == world, summary.units == units.count else {
            throw Failure("shard \(rank) of \(world): \(PathText.display(shardFile(rank))) is incomplete")
        }
        return (DocumentPhase.Partial(units: units, tallies: summary.tallies), summary.state, names)
    }

    fileprivate func write(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: data) else {
            let reason = access(folder.path, W_OK) == 0 ? "cannot create a file there" : "folder is not writable"
            throw Failure("cannot write \(PathText.display(url)): \(reason)")
        }
    }

    /// The CRC-32 of `data`, or of what came before it and `data` when `continuing` is that
    /// earlier part's CRC-32.
    static func crc32(_ data: Data, continuing: UInt32 = 0) -> UInt32 {
        data.withUnsafeBytes { buffer in
            var crc = uLong(continuing)
            var offset = 0
            // zlib takes 32-bit lengths: a large file goes in pieces.
            while offset < buffer.count {
                let length = min(buffer.count - offset, 1 << 30)
                crc = CZlib.crc32(
                    crc, buffer.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self),
                    uInt(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}

extension ShardWork {
    /// Whether the reduce step finished (its outputs committed).
    public var isReduced: Bool { FileManager.default.fileExists(atPath: reduceMarker.path) }

    /// Marks the reduce step finished.
    public func markReduced() throws {
        let temporary = OutputFile.temporaryURL(for: reduceMarker)
        try write(Data("{\"world\":\(world)}\n".utf8), to: temporary)
        guard rename(temporary.path, reduceMarker.path) == 0 else {
            unlink(temporary.path)
            throw Failure("cannot write \(PathText.display(reduceMarker)): \(String(cString: strerror(errno)))")
        }
    }
}

/// Writes one rank's shard file while its units are being processed, so a map step holds
/// no more than a megabyte of its results, whatever its share of the input.
///
/// The format: gzip (zlib, as every fresh machine has it) over JSON lines — one line per unit,
/// in the order of the input, with the documents in the same JSON a checkpoint holds, then a
/// last line with the rank's summary (``ShardWork/Summary``). Lines are compressed a megabyte
/// at a time, each a gzip member of its own (a file of several members is one gzip stream to
/// `zcat` and to our reader). It is read back exactly (dates as their seconds, text as
/// written), is 4–5× smaller than the JSON, can be looked at with `zcat | head`, and is checked
/// twice: the marker's size and CRC-32 of the file before reading, gzip's CRC-32 of the
/// content while reading. The file is written under a temporary name and renamed when
/// finished; the marker follows it.
final class ShardWriter: @unchecked Sendable {
    /// How a summary line starts (keys are sorted, and a unit's line starts with `{"name"`).
    static let summaryKey = "{\"summary\":"
    /// JSON gathered before it is compressed and written.
    static let memberBytes = 1 << 20

    private let work: ShardWork
    private let rank: Int
    private let names: [String]
    private let temporary: URL
    private let handle: FileHandle
    private let encoder: JSONEncoder
    private var pending = Data()
    private var units = 0
    private var bytes = 0
    private var crc: UInt32 = 0

    fileprivate init(work: ShardWork, rank: Int, names: [String]) throws {
        self.work = work
        self.rank = rank
        self.names = names
        temporary = OutputFile.temporaryURL(for: work.shardFile(rank))
        try work.write(Data(), to: temporary)
        guard let handle = FileHandle(forWritingAtPath: temporary.path) else {
            unlink(temporary.path)
            throw ShardWork.Failure("cannot write \(PathText.display(temporary))")
        }
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Adds unit `unit`'s result; called in ascending unit order.
    func append(unit: Int, processed: DocumentPhase.Processed) throws {
        pending.append(
            try encoder.encode(ShardWork.UnitRecord(unit: unit, name: names[unit], processed: processed)))
        pending.append(0x0A)
        units += 1
        if pending.count >= Self.memberBytes { try flush() }
    }

    /// Ends the file with the rank's summary, puts it in place and writes the marker.
    func finish(tallies: [DocumentSegment.Tally], state: RunState.Tally?) throws {
        let summary = ShardWork.Summary(
            rank: rank, world: work.world, units: units, tallies: tallies, state: state)
        pending.append(try encoder.encode(ShardWork.SummaryLine(summary: summary)))
        pending.append(0x0A)
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary.path)
            throw ShardWork.Failure("cannot write \(PathText.display(temporary)): \(PathText.describe(error))")
        }
        try work.publish(
            rank: rank, temporary: temporary,
            marker: ShardWork.Marker(
                rank: rank, world: work.world, units: units, bytes: bytes, crc32: crc))
    }

    /// Leaves nothing behind (an interrupted or failed step).
    func abandon() {
        try? handle.close()
        unlink(temporary.path)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let member = try WARCWriter.gzipMember(pending)
        pending.removeAll(keepingCapacity: true)
        do {
            try handle.write(contentsOf: member)
        } catch {
            throw ShardWork.Failure("cannot write \(PathText.display(temporary)): \(PathText.describe(error))")
        }
        bytes += member.count
        crc = ShardWork.crc32(member, continuing: crc)
    }
}
