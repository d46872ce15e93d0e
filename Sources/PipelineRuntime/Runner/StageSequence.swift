import Foundation
import PipelineKit

/// A pipeline's stages, created and ready to run on a batch in memory.
///
/// The ``Runner`` uses it after reading the input; `pipe test` uses it on
/// fixture documents. Consecutive document stages run as one parallel pass;
/// batch stages run in order, and one that throws is recorded while the run
/// goes on with the batch as it was before it.
public struct StageSequence: Sendable {
    let stages: [(step: PipelineStep, instance: StageInstance)]

    /// Creates every stage; throws ``StageSetupError`` for the first that cannot start.
    public init(steps: some Sequence<PipelineStep>, setup: StageSetup) throws {
        var stages: [(step: PipelineStep, instance: StageInstance)] = []
        for step in steps {
            do {
                stages.append((step, try step.instantiate(setup)))
            } catch {
                throw StageSetupError(stage: step.name, location: step.location, underlying: error)
            }
        }
        self.stages = stages
    }

    /// What running the stages produced.
    public struct Outcome: Sendable {
        public var batch: Batch
        /// Documents dropped by or failed in a stage, in the order they were set aside.
        public var rejects: [Reject]
        /// One entry per stage, in pipeline order.
        public var stats: [RunReport.StageStats]
    }

    /// The stages at `positions` (all document stages) as one segment.
    func segment(_ positions: Range<Int>, context: StageContext, jobs: Int) -> DocumentSegment? {
        var segment: [(PipelineStep, any DocumentStage)] = []
        for position in positions {
            guard case let .document(stage) = stages[position].instance else { continue }
            segment.append((stages[position].step, stage))
        }
        return segment.isEmpty ? nil : DocumentSegment(stages: segment, context: context, jobs: jobs)
    }

    /// Runs the stages from position `start` on `batch`; `afterBatchStage`
    /// sees the batch after each batch stage that finished without error.
    public func run(
        _ batch: Batch, context: StageContext, jobs: Int, from start: Int = 0,
        afterBatchStage: ((PipelineStep, inout Batch) -> Void)? = nil
    ) async -> Outcome {
        var outcome = Outcome(batch: batch, rejects: [], stats: [])
        for run in RunPlan.runs(of: stages.map(\.step)) where run.upperBound > start {
            guard !context.cancellation.isCancelled else { break }
            let positions = max(start, run.lowerBound)..<run.upperBound
            if case .document = stages[positions.lowerBound].instance {
                runSegment(positions, on: &outcome, context: context, jobs: jobs)
            } else {
                let step = stages[positions.lowerBound].step
                await runBatchStage(at: positions.lowerBound, on: &outcome, context: context) {
                    afterBatchStage?(step, &$0)
                }
            }
        }
        return outcome
    }

    /// Runs the document stages at `positions` as one parallel pass over the batch's documents.
    func runSegment(_ positions: Range<Int>, on outcome: inout Outcome, context: StageContext, jobs: Int) {
        guard let segment = segment(positions, context: context, jobs: jobs) else { return }
        let result = segment.run(outcome.batch.documents)
        outcome.batch.documents = result.kept
        outcome.rejects += result.rejects
        outcome.stats += result.stats
    }

    /// Runs the batch stage at `position`, then `finished` on its result (a
    /// step the plan attaches to it, counted in its time); one that throws is
    /// recorded and the batch stays as it was.
    func runBatchStage(
        at position: Int, on outcome: inout Outcome, context: StageContext,
        finished: (inout Batch) -> Void = { _ in }
    ) async {
        guard case let .batch(stage) = stages[position].instance else { return }
        let step = stages[position].step
        var stats = RunReport.StageStats(name: step.name, shape: "batch")
        stats.input = outcome.batch.documents.count
        let before = outcome.batch
        let clock = ContinuousClock.now
        do {
            try await stage.process(&outcome.batch, context: context)
            finished(&outcome.batch)
            for index in outcome.batch.documents.indices {
                outcome.batch.documents[index].trace.append(
                    TraceEntry(stage: step.name, outcome: .kept, duration: .zero))
            }
        } catch is CancellationError {
            outcome.batch = before
        } catch {
            outcome.batch = before
            stats.error = String(describing: error)
            context.logger.error("stage `\(step.name)` failed: \(error)")
        }
        stats.seconds = (ContinuousClock.now - clock).seconds
        stats.output = outcome.batch.documents.count
        outcome.stats.append(stats)
        context.progress.finish(stage: step.name)
    }
}
