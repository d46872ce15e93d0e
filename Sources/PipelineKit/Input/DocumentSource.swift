import Foundation

/// Documents that come from somewhere other than the input path (the web),
/// handed to the runner ready-made, with the reasons for those that could not be had.
///
/// The runner passes them through the same leading stages, state checks and
/// id checks as documents read from files.
public protocol DocumentSource: Sendable {
    /// The documents for the run of `runDate` (`YYYY-MM-DD`), and the rejects.
    func documents(runDate: String) async -> (documents: [Document], rejects: [Reject])
}

extension InputReader {
    /// Passes ready-made documents through `segment` and the run `state`, as ``read(path:base:jobs:then:state:)`` does for files.
    func process(_ input: [Document], rejects: [Reject], jobs: Int, then segment: DocumentSegment?, state: RunState?) -> Result {
        var outcomes = [Swift.Result<Document, Reject>?](repeating: nil, count: input.count)
        let workers = max(1, min(jobs, input.count))
        var tallies = [DocumentSegment.Tally](repeating: DocumentSegment.Tally(count: segment?.stages.count ?? 0), count: workers)
        let label = segment.map { "fetched → " + $0.label } ?? "fetched"
        outcomes.withUnsafeMutableBufferPointer { buffer in
            tallies.withUnsafeMutableBufferPointer { tallyBuffer in
                let slots = UnsafeSendable(buffer)
                let tallies = UnsafeSendable(tallyBuffer)
                let next = Counter()
                let done = Counter()
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    while segment?.context.cancellation.isCancelled != true, let index = next.take(below: input.count) {
                        let document = input[index]
                        switch state?.decide(document) {
                        case .skip?:
                            break
                        case let .resume(finished)?:
                            slots.value[index] = finished
                        case let .process(hash)?:
                            let outcome = segment?.process(document, tally: &tallies.value[worker]) ?? .success(document)
                            state?.finished(outcome, id: document.id, hash: hash)
                            slots.value[index] = outcome
                        case nil:
                            slots.value[index] = segment?.process(document, tally: &tallies.value[worker]) ?? .success(document)
                        }
                        if let segment, let finished = done.take(below: Int.max) {
                            segment.context.progress.update(stage: label, done: finished + 1, total: input.count)
                        }
                    }
                }
            }
        }
        segment?.context.progress.finish(stage: label)
        state?.flush()
        var documents: [Document] = []
        var processed: [Reject] = []
        for outcome in outcomes {
            switch outcome {
            case let .success(document)?: documents.append(document)
            case let .failure(reject)?: processed.append(reject)
            case nil: break
            }
        }
        return Result(documents: documents, rejects: rejects, skipped: [:], files: 0, bytes: 0,
                      processedRejects: processed, segmentStats: segment?.stats(tallies) ?? [])
    }

    /// `web` added to `files`: ids stay unique (the file's document wins) and sorted.
    static func merge(_ files: Result, _ web: Result) -> Result {
        var merged = files
        let ids = Set(files.documents.map(\.id))
        for document in web.documents {
            if ids.contains(document.id) {
                merged.rejects.append(Reject(id: document.id, source: document.source, stage: "read", kind: .unreadable,
                                             reason: "duplicate id `\(document.id)` (also read from the input path)"))
            } else {
                merged.documents.append(document)
            }
        }
        merged.documents.sort { $0.id < $1.id }
        merged.rejects += web.rejects
        merged.rejects.sort { ($0.source, $0.id) < ($1.source, $1.id) }
        merged.processedRejects += web.processedRejects
        if merged.segmentStats.isEmpty {
            merged.segmentStats = web.segmentStats
        } else {
            for (index, stats) in web.segmentStats.enumerated() where index < merged.segmentStats.count {
                merged.segmentStats[index].input += stats.input
                merged.segmentStats[index].output += stats.output
                merged.segmentStats[index].dropped += stats.dropped
                merged.segmentStats[index].failed += stats.failed
                merged.segmentStats[index].seconds += stats.seconds
            }
        }
        return merged
    }
}
