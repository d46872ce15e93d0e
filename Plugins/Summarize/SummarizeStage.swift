import Foundation
import PipeSupport
import PipelineKit
import TextKit

/// Which summariser writes the summaries.
public enum SummaryEngine: String, OptionEnum, Sendable {
    /// Sentences chosen from the articles (TextRank centrality, priors, MMR).
    case extractive
    /// An OpenAI-compatible chat-completions endpoint; extractive when it fails.
    case llm
}

/// A summary for every article, and one for every story drawn from all its
/// outlets, with each sentence credited to its sources.
///
/// ```yaml
/// - summarize:
///     sentences: 3
///     story_sentences: 4
/// ```
public struct SummarizeStage: BatchStage {
    public static let name = "summarize"
    public static let abstract = "A summary per article and one per story across its sources."
    public static let discussion = """
        Extractive by default: sentences are scored by TextRank centrality times a position prior (early \
        sentences lead news) and a length prior, boilerplate lines (click here, photo credits, lone datelines) \
        are skipped, and sentences are picked by maximal marginal relevance so a second sentence must add \
        something; the summary keeps the article's order. A story's summary pools its members' sentences, \
        says a sentence repeated by several outlets once, favours sentences naming the story's entities and \
        keywords and from outlets not yet quoted, and lists each sentence's documents and outlets in the \
        story's `sources` attribute. `engine: llm` asks an OpenAI-compatible chat-completions server instead \
        (base URL, model, API key from an environment variable, timeout) and falls back to the extractive \
        summary for any article or story it fails on.
        """
    public static let contract = StageContract(requires: [.text], produces: [.summary])

    public struct Options: StageOptions {
        public var engine = SummaryEngine.extractive
        public var sentences = 3
        public var words = 0
        public var storySentences = 4
        public var redundancy = 0.3
        public var positionWeight = 0.2
        public var lengthWeight = 0.5
        public var llmBaseURL = "http://127.0.0.1:8080/v1"
        public var llmModel = "default"
        public var llmAPIKeyEnv = "OPENAI_API_KEY"
        public var llmTimeout = 30.0

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init(
                "engine", \.engine,
                help: "Who writes summaries: `extractive` (default) or `llm` (falls back to extractive on failure)."),
            .init("sentences", \.sentences, range: 1...50, help: "Sentences per article summary."),
            .init(
                "words", \.words, range: 0...5_000,
                help: "When above 0, a word budget per summary instead of `sentences` (whole sentences, at least one)."),
            .init(
                "story_sentences", \.storySentences, range: 1...50,
                help: "Sentences per story summary (or `words` when set)."),
            .init(
                "redundancy", \.redundancy, range: 0.0...1.0,
                help: "How strongly a sentence overlapping one already chosen is penalised (0 ignores overlap)."),
            .init(
                "position_weight", \.positionWeight, range: 0.0...10.0,
                help: "How much early sentences are favoured (0: not at all)."),
            .init(
                "length_weight", \.lengthWeight, range: 0.0...5.0,
                help: "How much longer sentences are favoured (0: not at all)."),
            .init(
                "llm_base_url", \.llmBaseURL, help: "API root of the OpenAI-compatible server for `engine: llm`.",
                check: {
                    URL(string: $0)?.scheme.map { ["http", "https"].contains($0) } == true
                        ? nil : "`\($0)` is not an http(s) URL"
                }),
            .init("llm_model", \.llmModel, help: "Model name sent to the server."),
            .init(
                "llm_api_key_env", \.llmAPIKeyEnv,
                help: "Environment variable holding the API key (unset: no key is sent)."),
            .init("llm_timeout", \.llmTimeout, range: 0.1...600.0, help: "Seconds to wait for the server per request."),
        ]
    }

    let options: Options
    let summarizer: ExtractiveSummarizer
    let client: ChatCompletionClient?

    public init(options: Options, context: StageSetup) throws {
        self.options = options
        summarizer = ExtractiveSummarizer(
            redundancy: options.redundancy, positionWeight: options.positionWeight,
            lengthWeight: options.lengthWeight)
        if options.engine == .llm, let url = URL(string: options.llmBaseURL) {
            client = ChatCompletionClient(
                baseURL: url, model: options.llmModel,
                apiKey: ProcessInfo.processInfo.environment[options.llmAPIKeyEnv], timeout: options.llmTimeout)
        } else {
            client = nil
        }
    }

    var articleBudget: Budget { options.words > 0 ? .words(options.words) : .sentences(options.sentences) }
    var storyBudget: Budget { options.words > 0 ? .words(options.words) : .sentences(options.storySentences) }

    public func process(_ batch: inout Batch, context: StageContext) async throws {
        let documents = batch.documents, stories = batch.stories
        let summarizer = summarizer, budget = articleBudget
        let storySummarizer = StorySummarizer(summarizer: summarizer), storyBudget = storyBudget
        let positionOf = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Story by story, each member's sentences are split, tokenised and stemmed once, for its own summary
        // (written by the first story that lists it) and its story's, then let go: only one story's
        // sentences per thread are held at a time.
        var owner = [Int](repeating: -1, count: documents.count)
        for (story, members) in stories.map(\.members).enumerated() {
            for id in members { if let member = positionOf[id], owner[member] < 0 { owner[member] = story } }
        }
        let owners = owner
        let perStory = Parallel.map(stories.count, width: context.jobs) { story in
            let members = stories[story].members.compactMap { positionOf[$0] }
            let pools = members.map { SentencePool.sentences(of: documents[$0], index: 0) }
            var summaries: [(document: Int, summary: String?)] = []
            for (member, pool) in zip(members, pools) where owners[member] == story {
                summaries.append((member, Self.summary(of: pool, summarizer: summarizer, budget: budget)))
            }
            let lines = storySummarizer.summarize(
                stories[story], members: members.map { documents[$0] }, pools: pools,
                budget: storyBudget)
            return (lines: lines, summaries: summaries)
        }
        let unowned = documents.indices.filter { owners[$0] < 0 }
        let unownedSummaries = Parallel.map(unowned.count, width: context.jobs) { index in
            Self.summary(
                of: SentencePool.sentences(of: documents[unowned[index]], index: 0), summarizer: summarizer,
                budget: budget)
        }
        for (document, summary) in zip(unowned, unownedSummaries) { batch.documents[document].summary = summary }
        for (story, result) in perStory.enumerated() {
            for (document, summary) in result.summaries { batch.documents[document].summary = summary }
            batch.stories[story].summary = result.lines.isEmpty ? nil : result.lines.map(\.text).joined(separator: " ")
            batch.stories[story].attributes["sources"] = StorySummarizer.sourcesJSON(result.lines)
        }
        try context.checkCancellation()

        if let client {
            try await rewriteWithLLM(&batch, client: client, context: context)
        }
    }

    /// The extractive summary of one document from its sentences, or nil when it has none.
    static func summary(of sentences: [Sentence], summarizer: ExtractiveSummarizer, budget: Budget) -> String? {
        let chosen = summarizer.select(sentences, budget: budget).sorted()
        guard !chosen.isEmpty else { return nil }
        return chosen.map { sentences[$0].text }.joined(separator: " ")
    }
}
