import Foundation
import PipeSupport
import PipelineKit

/// Consecutive document stages, run as one pass per document on all threads:
/// each document goes through every stage of the segment before the next
/// document is taken, which keeps it hot in cache (and lets the runner drop a
/// page's raw HTML as soon as it is cleaned, while other files are still being read).
struct DocumentSegment: Sendable {
    let stages: [(step: PipelineStep, stage: any DocumentStage)]
    let context: StageContext
    let jobs: Int

    struct Outcome {
        var kept: [Document]
        var rejects: [Reject]
        var stats: [RunReport.StageStats]
    }

    /// Per-thread tallies, merged at the end so threads never share counters.
    struct Tally: Codable {
        var input: [Int]
        var output: [Int]
        var dropped: [Int]
        var failed: [Int]
        var nanoseconds: [Int64]

        init(count: Int) {
            input = .init(repeating: 0, count: count)
            output = input
            dropped = input
            failed = input
            nanoseconds = .init(repeating: 0, count: count)
        }
    }

    var label: String { stages.map(\.step.name).joined(separator: " → ") }

    func run(_ documents: [Document]) -> Outcome {
        let workers = max(1, min(jobs, documents.count))
        var results = [Result<Document, Reject>?](repeating: nil, count: documents.count)
        var tallies = [Tally](repeating: Tally(count: stages.count), count: workers)
        let next = Locked(0)
        let done = Locked(0)
        let total = documents.count
        let label = label
        results.withUnsafeMutableBufferPointer { resultBuffer in
            tallies.withUnsafeMutableBufferPointer { tallyBuffer in
                let results = UnsafeSendable(resultBuffer)
                let tallies = UnsafeSendable(tallyBuffer)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    while !context.cancellation.isCancelled, let index = next.take(below: total) {
                        results.value[index] = process(documents[index], tally: &tallies.value[worker])
                        if let finished = done.take(below: Int.max) {
                            context.progress.update(stage: label, done: finished + 1, total: total)
                        }
                    }
                }
            }
        }
        context.progress.finish(stage: label)

        var outcome = Outcome(kept: [], rejects: [], stats: stats(tallies))
        outcome.kept.reserveCapacity(documents.count)
        for result in results {
            switch result {
            case let .success(document)?: outcome.kept.append(document)
            case let .failure(reject)?: outcome.rejects.append(reject)
            case nil: break
            }
        }
        return outcome
    }

    /// Runs one document through every stage of the segment, counting into `tally`.
    func process(_ document: Document, tally: inout Tally) -> Result<Document, Reject> {
        var document = document
        for (position, entry) in stages.enumerated() {
            tally.input[position] += 1
            let start = DispatchTime.now().uptimeNanoseconds
            let verdict: Result<Verdict, any Error> = Result { try entry.stage.process(&document, context: context) }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            tally.nanoseconds[position] += Int64(elapsed)
            switch verdict {
            case .success(.keep):
                tally.output[position] += 1
                document.trace.append(
                    TraceEntry(stage: entry.step.name, outcome: .kept, duration: .nanoseconds(Int64(elapsed))))
            case let .success(.drop(reason)):
                tally.dropped[position] += 1
                return .failure(
                    Reject(
                        id: document.id, source: document.source, stage: entry.step.name, kind: .dropped, reason: reason
                    ))
            case let .failure(error):
                tally.failed[position] += 1
                return .failure(
                    Reject(
                        id: document.id, source: document.source, stage: entry.step.name, kind: .failed,
                        reason: String(describing: error)))
            }
        }
        return .success(document)
    }

    /// One entry per stage, summed over the threads' tallies.
    func stats(_ tallies: [Tally]) -> [RunReport.StageStats] {
        stages.enumerated().map { position, entry in
            var stats = RunReport.StageStats(name: entry.step.name, shape: "document")
            for tally in tallies {
                stats.input += tally.input[position]
                stats.output += tally.output[position]
                stats.dropped += tally.dropped[position]
                stats.failed += tally.failed[position]
                stats.seconds += Double(tally.nanoseconds[position]) / 1e9
            }
            return stats
        }
    }
}

extension Reject: Error {}

/// Carries a value across a concurrency boundary when the code guarantees
/// each thread touches distinct parts of it (distinct buffer slots).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
