import Foundation
import PipelineKit

extension SummarizeStage {
    /// Articles sent to the model at once.
    static let llmConcurrency = 4
    /// Characters of article text sent per document; the lead carries the news.
    static let llmCharacters = 6_000

    /// Replaces the extractive summaries with the model's where it answers;
    /// where it fails, the extractive summary stays and the failure is logged
    /// and recorded in the document's `summary_engine` attribute.
    func rewriteWithLLM(_ batch: inout Batch, client: ChatCompletionClient, context: StageContext) async throws {
        let limit = options.words > 0 ? "at most \(options.words) words" : "\(options.sentences) sentences"
        let system =
            "You summarise news articles. Reply with the summary only: \(limit), plain text, facts from the article only."
        let documents = batch.documents
        let results = await withTaskGroup(of: (Int, Result<String, Error>).self) { group in
            var results = [Result<String, Error>?](repeating: nil, count: documents.count)
            var next = 0
            func launch() {
                guard next < documents.count else { return }
                let index = next
                next += 1
                let document = documents[index]
                group.addTask {
                    let user = Self.prompt(title: document.title, text: document.joinedText)
                    do { return (index, .success(try await client.complete(system: system, user: user))) } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<Self.llmConcurrency { launch() }
            for await (index, result) in group {
                results[index] = result
                launch()
            }
            return results
        }
        var failures = 0
        for index in batch.documents.indices where !batch.documents[index].text.isEmpty {
            switch results[index] {
            case let .success(summary)?:
                batch.documents[index].summary = summary
                batch.documents[index].attributes["summary_engine"] = "llm"
            case let .failure(error)?:
                failures += 1
                batch.documents[index].attributes["summary_engine"] = "extractive"
                if failures == 1 {
                    context.logger.warning("summarize: llm failed (\(error)); using extractive summaries")
                }
            case nil:
                break
            }
        }

        let byID = Dictionary(batch.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let storySystem =
            "You summarise a news story told by several outlets. Reply with the summary only: "
            + (options.words > 0 ? "at most \(options.words) words" : "\(options.storySentences) sentences")
            + ", plain text, facts from the articles only."
        for index in batch.stories.indices {
            try context.checkCancellation()
            let members = batch.stories[index].members.compactMap { byID[$0] }
            let user = members.map { member in
                "Outlet: \(member.site ?? "unknown")\n" + Self.prompt(title: member.title, text: member.joinedText)
            }.joined(separator: "\n\n---\n\n")
            do {
                batch.stories[index].summary = try await client.complete(system: storySystem, user: user)
                batch.stories[index].attributes["summary_engine"] = "llm"
            } catch {
                failures += 1
                batch.stories[index].attributes["summary_engine"] = "extractive"
                if failures == 1 {
                    context.logger.warning("summarize: llm failed (\(error)); using extractive summaries")
                }
            }
        }
    }

    static func prompt(title: String?, text: String) -> String {
        var body = text
        if body.count > llmCharacters { body = String(body.prefix(llmCharacters)) }
        return (title.map { "Title: \($0)\n\n" } ?? "") + body
    }
}
