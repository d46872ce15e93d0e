import Foundation

/// Consecutive document stages, run as one pass per document on all threads:
/// each document goes through every stage of the segment before the next
/// document is taken, which keeps it hot in cache.
struct DocumentSegment {
    let stages: [(step: PipelineStep, stage: any DocumentStage)]
    let context: StageContext
    let jobs: Int

    struct Outcome {
        var kept: [Document]
        var rejects: [Reject]
        var stats: [RunReport.StageStats]
    }

    private struct Slot {
        var document: Document?
        var reject: Reject?
    }

    /// Per-thread tallies, merged at the end so threads never share counters.
    private struct Tally {
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

    func run(_ documents: [Document]) -> Outcome {
        let workers = max(1, min(jobs, documents.count))
        var slots = documents.map { Slot(document: $0) }
        var tallies = [Tally](repeating: Tally(count: stages.count), count: workers)
        let next = Counter()
        let done = Counter()
        let total = documents.count
        let label = stages.map(\.step.name).joined(separator: " → ")
        slots.withUnsafeMutableBufferPointer { slotBuffer in
            tallies.withUnsafeMutableBufferPointer { tallyBuffer in
                let slots = UnsafeSendable(slotBuffer)
                let tallies = UnsafeSendable(tallyBuffer)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    while !context.cancellation.isCancelled, let index = next.take(below: total) {
                        process(&slots.value[index], tally: &tallies.value[worker])
                        if let finished = done.take(below: Int.max) {
                            context.progress.update(stage: label, done: finished + 1, total: total)
                        }
                    }
                }
            }
        }
        context.progress.finish(stage: label)

        var outcome = Outcome(kept: [], rejects: [], stats: [])
        outcome.kept.reserveCapacity(documents.count)
        for slot in slots {
            if let document = slot.document {
                outcome.kept.append(document)
            } else if let reject = slot.reject {
                outcome.rejects.append(reject)
            }
        }
        for (position, entry) in stages.enumerated() {
            var stats = RunReport.StageStats(name: entry.step.name, shape: "document")
            for tally in tallies {
                stats.input += tally.input[position]
                stats.output += tally.output[position]
                stats.dropped += tally.dropped[position]
                stats.failed += tally.failed[position]
                stats.seconds += Double(tally.nanoseconds[position]) / 1e9
            }
            outcome.stats.append(stats)
        }
        return outcome
    }

    private func process(_ slot: inout Slot, tally: inout Tally) {
        guard var document = slot.document else { return }
        for (position, entry) in stages.enumerated() {
            tally.input[position] += 1
            let start = DispatchTime.now().uptimeNanoseconds
            let verdict: Result<Verdict, any Error> = Result { try entry.stage.process(&document, context: context) }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            tally.nanoseconds[position] += Int64(elapsed)
            let duration = Duration.nanoseconds(Int64(elapsed))
            switch verdict {
            case .success(.keep):
                tally.output[position] += 1
                document.trace.append(TraceEntry(stage: entry.step.name, outcome: .kept, duration: duration))
            case let .success(.drop(reason)):
                tally.dropped[position] += 1
                slot.document = nil
                slot.reject = Reject(id: document.id, source: document.source, stage: entry.step.name, kind: .dropped, reason: reason)
                return
            case let .failure(error):
                tally.failed[position] += 1
                slot.document = nil
                slot.reject = Reject(id: document.id, source: document.source, stage: entry.step.name, kind: .failed,
                                     reason: String(describing: error))
                return
            }
        }
        slot.document = document
    }
}
