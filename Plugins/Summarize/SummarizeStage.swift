import PipelineKit

/// Summaries per article and per story.
public struct SummarizeStage: BatchStage {
    public static let name = "summarize"
    public static let abstract = "A summary per article and one per story across its sources."
    public static let contract = StageContract(requires: [.text], produces: [.summary])

    public struct Options: StageOptions {
        public var sentences = 3
        public init() {}
        public static let declarations: [OptionDeclaration<Options>] = [
            .init("sentences", \.sentences, range: 1...50, help: "Sentences per summary.", implemented: false),
        ]
    }

    public init(options: Options, context: StageSetup) {}

    public func process(_ batch: inout Batch, context: StageContext) async throws {}
}
