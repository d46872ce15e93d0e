import Foundation

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

    /// The stages before the first batch stage, as one segment (nil when the
    /// pipeline starts with a batch stage). The runner runs it while reading.
    func leadingSegment(context: StageContext, jobs: Int) -> DocumentSegment? {
        var segment: [(PipelineStep, any DocumentStage)] = []
        for (step, instance) in stages {
            guard case let .document(stage) = instance else { break }
            segment.append((step, stage))
        }
        return segment.isEmpty ? nil : DocumentSegment(stages: segment, context: context, jobs: jobs)
    }

    /// Runs the stages from position `start` on `batch`; `afterBatchStage`
    /// sees the batch after each batch stage that finished without error.
    public func run(_ batch: Batch, context: StageContext, jobs: Int, from start: Int = 0,
                    afterBatchStage: ((PipelineStep, inout Batch) -> Void)? = nil) async -> Outcome {
        var outcome = Outcome(batch: batch, rejects: [], stats: [])
        var index = start
        while index < stages.count, !context.cancellation.isCancelled {
            switch stages[index].instance {
            case .document:
                var segment: [(PipelineStep, any DocumentStage)] = []
                while index < stages.count, case let .document(stage) = stages[index].instance {
                    segment.append((stages[index].step, stage))
                    index += 1
                }
                let result = DocumentSegment(stages: segment, context: context, jobs: jobs).run(outcome.batch.documents)
                outcome.batch.documents = result.kept
                outcome.rejects += result.rejects
                outcome.stats += result.stats
            case let .batch(stage):
                let step = stages[index].step
                index += 1
                var stats = RunReport.StageStats(name: step.name, shape: "batch")
                stats.input = outcome.batch.documents.count
                let before = outcome.batch
                let clock = ContinuousClock.now
                do {
                    try await stage.process(&outcome.batch, context: context)
                    afterBatchStage?(step, &outcome.batch)
                    for index in outcome.batch.documents.indices {
                        outcome.batch.documents[index].trace.append(TraceEntry(stage: step.name, outcome: .kept, duration: .zero))
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
        return outcome
    }
}
