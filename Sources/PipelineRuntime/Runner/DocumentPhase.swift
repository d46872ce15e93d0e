import Foundation
import PipeSupport
import PipelineKit

/// The per-document part of a run: every unit of input read by one of `jobs`
/// workers, each of its documents checked against the run's state (skip,
/// resume, process) and passed through the leading document stages on the
/// worker that read it, so a page's raw content is dropped before the next
/// unit is read.
///
/// The only place stages run on documents as they are read, and the only
/// place checkpoints are written.
struct DocumentPhase: Sendable {
    let units: DocumentUnits
    let segment: DocumentSegment?
    let state: RunState?
    let jobs: Int
    let progress: ProgressReporter
    let cancellation: CancellationFlag

    struct Outcome {
        /// Documents sorted by id; ids are unique.
        var documents: [Document]
        /// Units and documents that could not be read.
        var rejects: [Reject]
        /// Documents set aside by the stages, in input order.
        var processedRejects: [Reject]
        var stats: [RunReport.StageStats]
        var bytes: Int
        /// Documents read: those kept and those the stages set aside. (A map step, which keeps
        /// no documents, counts them as they go to its shard file.)
        var readCount: Int
        /// What WARC files' records became; nil when no WARC file was read.
        var warc: WARCCounts?
    }

    /// What the units given to a sink held, counted as they went (``process(_:into:)``): the
    /// documents (an id seen before in the share counted as set aside, as ``DocumentUnits/collect(_:)``
    /// sets it aside), the rejects, the bytes.
    struct Count: Sendable {
        var documents = 0
        var rejects: [Reject] = []
        var setAside: [Reject] = []
        var bytes = 0
        var warc: WARCCounts?
        private var seen = SeenIDs()

        mutating func add(_ processed: Processed, unit: Int, of units: DocumentUnits) {
            for document in processed.content.documents {
                if let repeated = seen.repeated(document.id, in: unit, of: units) {
                    rejects.append(repeated)
                } else {
                    documents += 1
                }
            }
            rejects += processed.content.rejects
            setAside += processed.setAside
            bytes += processed.content.bytes
            if let counts = processed.content.warc { warc = WARCCounts.total([warc, counts]) }
        }
    }

    /// A map step's outcome: what its sink was given, counted; no documents. The reduce step
    /// sees every unit and sets aside ids repeated across shares.
    func outcome(counted count: Count, tallies: [DocumentSegment.Tally]) -> Outcome {
        Outcome(
            documents: [], rejects: units.listingRejects + count.rejects, processedRejects: count.setAside,
            stats: segment?.stats(tallies) ?? [], bytes: count.bytes,
            readCount: count.documents + count.setAside.count, warc: count.warc)
    }

    /// What one unit became: its content as read, with its documents replaced by the stages' results.
    struct Processed: Sendable, Codable {
        var content = UnitContent()
        var setAside: [Reject] = []
    }

    /// What the workers made of some of the units: what each became, by unit index, and the
    /// stages' tallies. A whole run takes every unit; a shard of a sharded run its share.
    struct Partial: Sendable {
        var units: [Int: Processed]
        var tallies: [DocumentSegment.Tally]
    }

    func run() async -> Outcome {
        // Without a sink nothing is thrown.
        let partial = (try? await process(Array(0..<units.count))) ?? Partial(units: [:], tallies: [])
        return outcome(of: [partial])
    }

    /// Takes each unit's result as soon as it and every unit before it (in `indices`' order) are
    /// done; a map step writes them to its shard file this way and keeps none of them.
    typealias UnitSink = @Sendable (_ unit: Int, _ processed: Processed) throws -> Void

    /// Reads the units at `indices` on `jobs` workers and passes their documents through the
    /// segment. With a `sink`, each unit's result goes to it in `indices`' order and the partial
    /// keeps none (only the tallies); the sink's first error stops the workers and is thrown.
    func process(_ indices: [Int], into sink: UnitSink? = nil) async throws -> Partial {
        let total = indices.count
        let workers = max(1, min(jobs, total))
        let slots = Locked(Slots(results: [Processed?](repeating: nil, count: total)))
        let next = Locked(0)
        let label = segment.map { "read → " + $0.label } ?? "read"
        let stageCount = segment?.stages.count ?? 0
        // Units finished, and how far each unit under way is (a crawl file read a batch at a time).
        let done = Locked((finished: 0, underWay: [Int: Double]()))
        // Records how far unit `slot` is (nil: finished) and shows the phase's progress.
        let advance: @Sendable (_ slot: Int, _ fraction: Double?) -> Void = { slot, fraction in
            guard segment != nil else { return }
            let now = done.withLock { done in
                if fraction == nil { done.finished += 1 }
                done.underWay[slot] = fraction
                return (done.finished, done.underWay.values.reduce(0, +))
            }
            progress.update(stage: label, done: now.0, total: total, partly: now.1)
        }
        let tallies = await withTaskGroup(of: DocumentSegment.Tally.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var tally = DocumentSegment.Tally(count: stageCount)
                    while !cancellation.isCancelled, slots.withLock({ $0.failure == nil }),
                        let slot = next.take(below: total)
                    {
                        let processed = await process(units.stream(indices[slot]), tally: &tally) { fraction in
                            advance(slot, fraction)
                        }
                        slots.withLock { slots in
                            slots.results[slot] = processed
                            if let sink { slots.drain(into: sink, indices: indices) }
                        }
                        advance(slot, nil)
                    }
                    return tally
                }
            }
            var all: [DocumentSegment.Tally] = []
            for await tally in group { all.append(tally) }
            return all
        }
        if segment != nil { progress.finish(stage: label) }
        await state?.flush()
        let finished = slots.withLock { $0 }
        if let failure = finished.failure { throw failure }
        var byUnit: [Int: Processed] = [:]
        if sink == nil {
            for (slot, unit) in finished.results.enumerated() { byUnit[indices[slot]] = unit ?? Processed() }
        }
        return Partial(units: byUnit, tallies: tallies)
    }

    /// Units finished by the workers, and how far they have gone to a sink.
    private struct Slots {
        var results: [Processed?]
        /// The first slot not yet given to the sink.
        var given = 0
        var failure: (any Error)?

        /// Gives the sink every finished slot from `given` on, up to the first unfinished one.
        mutating func drain(into sink: UnitSink, indices: [Int]) {
            while failure == nil, given < results.count, let ready = results[given] {
                results[given] = nil
                do {
                    try sink(indices[given], ready)
                } catch {
                    failure = error
                }
                given += 1
            }
        }
    }

    /// The phase's outcome from the partials that together cover every unit (one, or one per
    /// shard): the same documents, rejects and counts in the same order however the units were
    /// shared out.
    func outcome(of partials: [Partial]) -> Outcome {
        var processed = [Processed](repeating: Processed(), count: units.count)
        for partial in partials {
            for (index, unit) in partial.units { processed[index] = unit }
        }
        let collected = units.collect(processed.map(\.content))
        let tallies = partials.flatMap(\.tallies)
        return Outcome(
            documents: collected.documents, rejects: collected.rejects,
            processedRejects: processed.flatMap(\.setAside),
            stats: segment?.stats(tallies) ?? [], bytes: collected.bytes,
            readCount: collected.documents.count + processed.reduce(0) { $0 + $1.setAside.count },
            warc: WARCCounts.total(processed.map(\.content.warc)))
    }

    /// One unit's documents through the state's decisions and the segment, a batch at a time as the
    /// unit gives them (a whole file in one batch, a WARC file's pages a few at a time), so only
    /// processed documents are kept, never a large file's raw pages. An interrupted run stops
    /// between batches, not at the end of a crawl file.
    /// `read` hears how far a long unit is (``UnitReading/fractionRead``) after each of its batches.
    private func process(
        _ unit: any UnitReading, tally: inout DocumentSegment.Tally, read: (Double) -> Void
    ) async -> Processed {
        var result = Processed()
        while !cancellation.isCancelled, let documents = unit.next() {
            defer { if let fraction = unit.fractionRead { read(fraction) } }
            guard segment != nil || state != nil else {
                result.content.documents += documents
                continue
            }
            let decisions: [RunState.Decision]? = if let state { await state.decide(documents) } else { nil }
            for (position, document) in documents.enumerated() {
                let outcome: Result<Document, Reject>
                switch decisions?[position] {
                case .skip?:
                    continue
                case let .resume(finished)?:
                    outcome = finished
                case let .process(hash)?:
                    outcome = segment?.process(document, tally: &tally) ?? .success(document)
                    await state?.finished(outcome, id: document.id, hash: hash)
                case nil:
                    outcome = segment?.process(document, tally: &tally) ?? .success(document)
                }
                switch outcome {
                case let .success(kept): result.content.documents.append(kept)
                case let .failure(reject): result.setAside.append(reject)
                }
            }
        }
        let documents = result.content.documents
        result.content = unit.rest
        result.content.documents = documents
        return result
    }
}
