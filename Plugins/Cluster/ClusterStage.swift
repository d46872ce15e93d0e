import PipelineKit

/// Groups documents about the same event into stories.
public struct ClusterStage: BatchStage {
    public static let name = "cluster"
    public static let abstract = "Articles about the same story grouped across outlets; near-duplicates recognised."
    public static let contract = StageContract(requires: [.text], produces: [.story])

    public struct Options: StageOptions {
        public var threshold = 0.5
        public init() {}
        public static let declarations: [OptionDeclaration<Options>] = [
            .init("threshold", \.threshold, range: 0.0...1.0, help: "Similarity above which two articles are one story.", implemented: false),
        ]
    }

    public init(options: Options, context: StageSetup) {}

    public func process(_ batch: inout Batch, context: StageContext) async throws {}
}
