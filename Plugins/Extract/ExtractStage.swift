import PipelineKit

/// Fills entities and keywords from the clean text.
public struct ExtractStage: DocumentStage {
    public static let name = "extract"
    public static let abstract = "People, organisations, places, keywords, dates and quotes from the clean text."
    public static let contract = StageContract(requires: [.text], produces: [.entities, .keywords])

    public struct Options: StageOptions {
        public var keywords = 10
        public init() {}
        public static let declarations: [OptionDeclaration<Options>] = [
            .init("keywords", \.keywords, range: 0...100, help: "How many key phrases to keep per document.", implemented: false),
        ]
    }

    public init(options: Options, context: StageSetup) {}

    public func process(_ document: inout Document, context: StageContext) -> Verdict {
        .keep
    }
}
