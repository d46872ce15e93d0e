import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Summarize

@Suite("summarize")
struct SummarizeStageTests {
    @Test("a wire dateline and a glued-on title are left out of summary sentences; ordinary openings are not")
    func datelinesAndTitles() {
        #expect(
            SentencePool.withoutDateline(
                "CALDER, Westmark, Nov 19 (Harbor Wire) - A landing craft left for the island on Thursday.")
                == "A landing craft left for the island on Thursday.")
        #expect(
            SentencePool.withoutDateline(
                "QUAYSIDE, Nov 3 - Dock cranes stood idle for a second day as drivers walked out.")
                == "Dock cranes stood idle for a second day as drivers walked out.")
        let plain: Substring = "Calder, the port town, gave the cut a cautious welcome - but only just, traders said."
        #expect(SentencePool.withoutDateline(plain) == plain)
        #expect(
            SentencePool.withoutTitle(
                "Cranes Stand IdleDock cranes stood idle for a second day as drivers walked out.",
                title: "Cranes Stand Idle") == "Dock cranes stood idle for a second day as drivers walked out.")
    }

    @Test("a sentence that leans on the one before it is not used in a story summary")
    func danglingOpeners() {
        #expect(StorySummarizer.leansOnPrevious("But the union said the offer was too low."))
        #expect(StorySummarizer.leansOnPrevious("It was the first strike since 2019."))
        #expect(!StorySummarizer.leansOnPrevious("The union said the offer was too low."))
    }

    func run(_ batch: Batch, options: [String: String] = [:]) async throws -> Batch {
        try await StageHarness(SummarizeStage.self, options: options).process(batch)
    }

    func sentences(_ text: String) -> [String] {
        SentencePool.sentences(of: Document.text("x", text), index: 0).map(\.text)
    }

    @Test("an article summary has the budgeted sentences, from the article, in its order")
    func articleSummary() async throws {
        let batch = try await run(Batch(documents: [SummarizeFixtures.bridge]))
        let summary = try #require(batch.documents[0].summary)
        let chosen = sentences(summary)
        #expect(chosen.count == 3)
        let all = sentences(SummarizeFixtures.bridge.joinedText)
        let positions = chosen.map { sentence in all.firstIndex(of: sentence) }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // The lead says what happened; it must be there.
        #expect(summary.hasPrefix("The county council voted on Tuesday"))
    }

    @Test("boilerplate sentences never make a summary")
    func skipsBoilerplate() async throws {
        let batch = try await run(Batch(documents: [SummarizeFixtures.bridge]), options: ["sentences": "8"])
        let summary = try #require(batch.documents[0].summary)
        #expect(!summary.contains("Click here"))
        #expect(!summary.contains("Getty Images"))
        #expect(!summary.contains("RIDGEWAY, NOV 19"))
        // Every sentence of reporting, and only those: six of the nine.
        #expect(sentences(summary).count == 6)
        #expect(SentencePool.isBoilerplate("Photo: the harbour at dawn, by Ana Ruiz", wordCount: 8, first: "photo"))
        #expect(!SentencePool.isBoilerplate("The council will review the weight limit.", wordCount: 7, first: "the"))
    }

    @Test("a word budget keeps whole sentences within it, at least one")
    func wordBudget() async throws {
        let batch = try await run(Batch(documents: [SummarizeFixtures.bridge]), options: ["words": "40"])
        let summary = try #require(batch.documents[0].summary)
        let words = summary.split(separator: " ").count
        #expect(words <= 40 && words > 10)
        let tiny = try await run(Batch(documents: [SummarizeFixtures.bridge]), options: ["words": "3"])
        #expect(sentences(tiny.documents[0].summary ?? "").count == 1)
    }

    @Test("redundancy keeps a near-repeat out of the summary")
    func redundancy() {
        let text = """
            The river burst its banks on Sunday and flooded forty homes in the lower town. \
            The river burst its banks on Sunday, flooding forty homes in the lower town. \
            Volunteers filled sandbags at the fire station through the night. \
            The mayor asked residents to avoid the riverside road until Tuesday.
            """
        let pool = SentencePool.sentences(of: Document.text("r", text), index: 0)
        let mmr = ExtractiveSummarizer(redundancy: 0.3, positionWeight: 0, lengthWeight: 0).select(
            pool, budget: .sentences(2))
        #expect(Set(mmr) != [0, 1])
        let greedy = ExtractiveSummarizer(redundancy: 0, positionWeight: 0, lengthWeight: 0).select(
            pool, budget: .sentences(2))
        #expect(Set(greedy) == [0, 1])
    }

    @Test("a story summary draws on both outlets when each adds facts, says the shared sentence once and credits both")
    func storySummary() async throws {
        let batch = try await run(
            Batch(
                documents: [SummarizeFixtures.strikeA, SummarizeFixtures.strikeB],
                stories: [SummarizeFixtures.strikeStory()]))
        let story = batch.stories[0]
        let summary = try #require(story.summary)
        #expect(summary.components(separatedBy: "Ferry crews on the Skerrin route walked out").count == 2)
        guard case let .array(sources)? = story.attributes["sources"] else {
            Issue.record("no sources")
            return
        }
        #expect(sources.count == 4)
        let outlets = Set(
            sources.flatMap { source -> [String] in
                guard case let .array(list)? = source["outlets"] else { return [] }
                return list.compactMap(\.stringValue)
            })
        #expect(outlets == ["Harbour Ledger", "Meridian Wire"])
        let shared = sources.first { $0["sentence"]?.stringValue?.hasPrefix("Ferry crews") == true }
        #expect(
            shared?["documents"]
                == .array([.string(SummarizeFixtures.strikeA.id), .string(SummarizeFixtures.strikeB.id)]))
        // The headline is the story-forming stage's; summarize writes summaries only.
        #expect(story.headline == SummarizeFixtures.strikeStory().headline)
    }

    @Test("a story summary states a figure its outlets all repeat once, and fills its budget with what each adds")
    func storyFactOnce() async throws {
        let batch = try await run(
            Batch(
                documents: [SummarizeFixtures.millA, SummarizeFixtures.millB, SummarizeFixtures.millC],
                stories: [SummarizeFixtures.millStory()]))
        let summary = try #require(batch.stories[0].summary)
        #expect(summary.components(separatedBy: "1,450").count == 2, "1,450 said more than once: \(summary)")
        #expect(summary.components(separatedBy: "40 percent").count <= 2, "40 percent said more than once: \(summary)")
        guard case let .array(sources)? = batch.stories[0].attributes["sources"] else {
            Issue.record("no sources")
            return
        }
        #expect(sources.count == 4)
        let facts = sources.compactMap { $0["sentence"]?.stringValue }.map(SentenceFacts.init)
        for (a, first) in facts.enumerated() {
            for second in facts[(a + 1)...] { #expect(!first.repeats(second, overlap: 0.5)) }
        }
    }

    @Test(
        "a fact is recognised piece by piece: a sentence a reader reads as two (after \"Lt.\", a caption) repeats another through one piece"
    )
    func repeatsByPiece() {
        let long = SentenceFacts(
            "Residents gathered outside the council offices on a cold morning to hear plans for new bus routes, "
                + "wider pavements and a library. Lt. Reyes arrested the gunman outside the harbour bridge late Friday."
        )
        let short = SentenceFacts("Reyes arrested the gunman outside the harbour bridge late Friday.")
        // As whole sentences they share under 0.4 of their words; the second piece says the same as `short`.
        #expect(SentenceFacts.jaccard(long.words, short.words) <= 0.4)
        #expect(long.pieces.count == 3)  // "…a library.", "Lt.", "Reyes arrested…"
        #expect(long.repeats(short, overlap: 0.4))
        #expect(short.repeats(long, overlap: 0.4))
        let caption = SentenceFacts(
            "Firefighters douse the warehouse blaze on Quay Street. Firefighters doused the warehouse blaze on Quay Street overnight."
        )
        #expect(caption.repeatsItself(overlap: 0.4))
        #expect(!long.repeatsItself(overlap: 0.4))
        // A decimal point or an abbreviation before a lower-case word does not cut.
        #expect(SentenceFacts("Rates rose 2.5 percent, e.g. in housing.").pieces.isEmpty)
    }

    @Test("figures are numbers of 10 or more without separators, years and numbers glued to letters left out")
    func figures() {
        #expect(
            SentenceFacts.figures(in: "Forcing 1,200 people out, $2.4 billion, 14.5 metres and 15 homes.") == [
                "1200", "14.5", "15",
            ])
        #expect(SentenceFacts.figures(in: "In 2026, 7 of the A380 jets and model X12 (since 1999).").isEmpty)
        #expect(
            SentenceFacts.figures(in: "A 1,200-strong crowd; 12,345,678 viewers; 3.25% rate; 1,20 typo") == [
                "1200", "12345678",
            ])
        #expect(
            SentenceFacts("Some 1,200 were moved.").repeats(
                SentenceFacts("Officials moved 1200 residents."), overlap: 0.5))
        #expect(
            !SentenceFacts("Some 1,200 were moved.").repeats(
                SentenceFacts("The river rose to 58 metres."), overlap: 0.5))
    }

    @Test("the same batch gives the same summaries")
    func deterministic() async throws {
        let batch = Batch(
            documents: [SummarizeFixtures.bridge, SummarizeFixtures.strikeA, SummarizeFixtures.strikeB],
            stories: [SummarizeFixtures.strikeStory()])
        let first = try await run(batch), second = try await run(batch)
        #expect(first.documents.map(\.summary) == second.documents.map(\.summary))
        #expect(first.stories.map(\.summary) == second.stories.map(\.summary))
    }

    @Test("engine llm uses the server's replies for articles and stories")
    func llmEngine() async throws {
        let server = try LoopbackChatServer(reply: "Crews struck for a third day; a landing craft will carry supplies.")
        defer { server.stop() }
        let batch = try await run(
            Batch(
                documents: [SummarizeFixtures.strikeA, SummarizeFixtures.strikeB],
                stories: [SummarizeFixtures.strikeStory()]),
            options: ["engine": "llm", "llm_base_url": server.baseURL, "llm_model": "tiny-test", "llm_timeout": "5"])
        #expect(
            batch.documents.allSatisfy {
                $0.summary == "Crews struck for a third day; a landing craft will carry supplies."
            })
        #expect(batch.stories[0].summary == "Crews struck for a third day; a landing craft will carry supplies.")
        #expect(batch.stories[0].attributes["summary_engine"] == "llm")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.contains("\"model\":\"tiny-test\"") && $0.contains("\"messages\"") })
        #expect(requests.contains { $0.contains("Skerrin shelves run low") })
    }

    @Test("engine llm falls back to extractive summaries when the server fails or is absent")
    func llmFallback() async throws {
        let server = try LoopbackChatServer(reply: "", status: 503)
        defer { server.stop() }
        let batch = Batch(documents: [SummarizeFixtures.bridge])
        let extractive = try await run(batch)
        let failing = try await run(
            batch, options: ["engine": "llm", "llm_base_url": server.baseURL, "llm_timeout": "5"])
        #expect(failing.documents[0].summary == extractive.documents[0].summary)
        #expect(failing.documents[0].attributes["summary_engine"] == "extractive")
        server.stop()
        let absent = try await run(
            batch, options: ["engine": "llm", "llm_base_url": server.baseURL, "llm_timeout": "2"])
        #expect(absent.documents[0].summary == extractive.documents[0].summary)
    }

    @Test("bad options are refused")
    func badOptions() {
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(SummarizeStage.self, options: ["engine": "gpt"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(SummarizeStage.self, options: ["llm_base_url": "ftp://x"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(SummarizeStage.self, options: ["sentences": "0"])
        }
    }
}
