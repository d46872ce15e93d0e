import Foundation
import PipelineKit

/// What running a pipeline does, step by step, with what each step reads and
/// writes: the runtime's explicit form of a pipeline file.
///
/// ```
/// read ─▶ per document (while reading) ─▶ carry stories ─▶ batch … ─▶ continue stories ─▶ batch … ─▶ finish
/// ```
///
/// The steps before ``Step/carryStories`` and the first batch step work on
/// one document at a time and need nothing but that document and the state
/// store's record of it: they are the part that can run as shards. Every step
/// after them sees the whole batch. `pipe plan FILE` prints the plan; the
/// ``Runner`` executes it in this process.
public struct RunPlan: Sendable {
    public enum Step: Sendable, Equatable {
        /// Lists the input (files under a path, pages from the web) as units read one at a time.
        case read(inputs: [String])
        /// Document stages at these positions of the pipeline, one pass per document. The first such
        /// step runs on each document as it is read, and writes a checkpoint per document when the
        /// pipeline keeps state.
        case documents(positions: Range<Int>, whileReading: Bool)
        /// With state: members of earlier days' open stories join the batch, so the story-forming
        /// stage can attach today's articles to them.
        case carryStories
        /// A batch stage; `writes` is the file it writes, when it is an export.
        case batch(position: Int, writes: String?)
        /// With state, right after the stage that forms stories: a story holding an earlier story's
        /// members keeps its id and shows today's articles; carried members leave the batch.
        case continueStories(after: Int)
        /// Commits the outputs, writes the rejects file and run report, and records the run in the
        /// state store.
        case finish
    }

    public let steps: [Step]
    let pipelineSteps: [PipelineStep]
    let keepsState: Bool

    /// The plan of `pipeline`; `keepsState` when the run has a state store.
    public init(pipeline: Pipeline, keepsState: Bool) {
        pipelineSteps = pipeline.steps
        self.keepsState = keepsState
        var inputs: [String] = []
        if !pipeline.input.path.isEmpty { inputs.append(pipeline.input.path) }
        let web = pipeline.input.web
        for (count, kind) in [(web.feeds.count, "feed"), (web.sitemaps.count, "sitemap"), (web.urls.count, "URL")]
        where count > 0 {
            inputs.append("\(count) \(kind)\(count == 1 ? "" : "s") from the web")
        }
        var steps: [Step] = [.read(inputs: inputs)]
        let storyStep = pipeline.steps.firstIndex { $0.contract.produces.contains(.story) }
        var carried = false
        for run in Self.runs(of: pipeline.steps) {
            let first = pipeline.steps[run.lowerBound]
            if first.stageType.shape == .document {
                steps.append(.documents(positions: run, whileReading: run.lowerBound == 0))
                continue
            }
            if keepsState, storyStep != nil, !carried {
                steps.append(.carryStories)
                carried = true
            }
            steps.append(.batch(position: run.lowerBound, writes: first.outputPath))
            if keepsState, run.lowerBound == storyStep {
                steps.append(.continueStories(after: run.lowerBound))
            }
        }
        steps.append(.finish)
        self.steps = steps
    }

    /// How many steps, from the first, a sharded run's map tasks execute: the read and the
    /// per-document segment run while reading. The rest is the reduce task's.
    public var shardBoundary: Int {
        steps.firstIndex { step in
            switch step {
            case .read: false
            case .documents(_, whileReading: true): false
            default: true
            }
        } ?? steps.count
    }

    /// The pipeline's steps as runs: consecutive document stages together, each batch stage alone.
    static func runs(of steps: [PipelineStep]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < steps.count {
            var end = start + 1
            if steps[start].stageType.shape == .document {
                while end < steps.count, steps[end].stageType.shape == .document { end += 1 }
            }
            runs.append(start..<end)
            start = end
        }
        return runs
    }

    /// The leading document stages (run while reading), if the pipeline starts with any.
    var whileReading: Range<Int>? {
        for step in steps {
            if case let .documents(positions, true) = step { return positions }
        }
        return nil
    }

    /// One line per step, numbered, for `pipe plan`.
    public var lines: [String] {
        steps.enumerated().map { index, step in
            let number = String(index + 1).leftPadded(to: 2)
            return "\(number). " + describe(step)
        }
    }

    private func describe(_ step: Step) -> String {
        switch step {
        case let .read(inputs):
            return "read              " + (inputs.isEmpty ? "(no input)" : inputs.joined(separator: ", "))
                + " → documents, one file or page at a time"
        case let .documents(positions, whileReading):
            let names = positions.map { pipelineSteps[$0].name }.joined(separator: " → ")
            return (whileReading ? "per document      " : "each document     ") + names
                + (whileReading ? " (on each document as it is read; checkpoints with state)" : " (over the batch)")
        case .carryStories:
            return "carry stories     open stories of earlier days join the batch (state store)"
        case let .batch(position, writes):
            let name = pipelineSteps[position].name
            return "batch             " + name + (writes.map { " → \($0)" } ?? "")
        case let .continueStories(after):
            return "continue stories  after \(pipelineSteps[after].name): earlier stories keep their ids"
        case .finish:
            return "finish            outputs renamed into place, rejects file, run report"
                + (keepsState ? ", the run recorded in the state store" : "")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
