import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// How a story that joins earlier days' articles is shown: by today's articles.
@Suite("Continuing stories")
struct ContinueStoriesTests {
    static func document(_ id: String, _ title: String, site: String, carriedFrom story: String? = nil) -> Document {
        var document = Document(id: id, source: id, title: title, site: site, text: ["\(title)."])
        if let story { document.attributes[RunState.carriedAttribute] = .string(story) }
        return document
    }

    static let earlier = StoredStory(
        story: Story(id: "s-flood", members: ["d1/wire", "d1/post"], headline: "Record flood forces 1,200 from homes"),
        firstRun: "2026-11-20",
        members: [document("d1/wire", "Record flood forces 1,200 from homes", site: "Meridian Wire"),
                  document("d1/post", "State of emergency declared", site: "Northgate Post")])

    /// Today's clustering put two new articles with yesterday's two; `headline` is what the stage chose.
    static func batch(headline: String) -> Batch {
        let documents = [
            document("d1/post", "State of emergency declared", site: "Northgate Post", carriedFrom: "s-flood"),
            document("d1/wire", "Record flood forces 1,200 from homes", site: "Meridian Wire", carriedFrom: "s-flood"),
            document("d2/herald", "Defences hold as the crest passes Pinecrest", site: "Pinecrest Herald"),
            document("d2/wire", "Relief fund opens early", site: "Meridian Wire"),
        ]
        let story = Story(id: "s-new", members: ["d1/wire", "d2/herald", "d1/post", "d2/wire"], headline: headline,
                          outlets: ["Meridian Wire", "Northgate Post", "Pinecrest Herald"])
        return Batch(documents: documents, stories: [story])
    }

    @Test("a continuing story keeps yesterday's id but takes its headline and outlets from today's articles")
    func headlineFromToday() throws {
        var batch = Self.batch(headline: "Record flood forces 1,200 from homes")
        RunState.continueStories(in: &batch, open: ["s-flood": Self.earlier], runDate: "2026-11-21")
        let story = try #require(batch.stories.first)
        #expect(story.id == "s-flood")
        #expect(story.members == ["d2/herald", "d2/wire"])
        // The most central of today's members (the stage's order) gives the headline.
        #expect(story.headline == "Defences hold as the crest passes Pinecrest")
        #expect(story.outlets == ["Meridian Wire", "Pinecrest Herald"])
        #expect(story.attributes["continuing_day"] == .int(2))
        #expect(story.attributes["earlier_articles"] == .int(2))
        #expect(batch.documents.map(\.id) == ["d2/herald", "d2/wire"])
        #expect(batch.documents.allSatisfy { $0.story == nil || $0.story == "s-flood" })
    }

    @Test("a headline the stage already took from today's articles (maybe shortened) is kept")
    func todaysHeadlineKept() throws {
        var batch = Self.batch(headline: "Relief fund opens")
        RunState.continueStories(in: &batch, open: ["s-flood": Self.earlier], runDate: "2026-11-22")
        let story = try #require(batch.stories.first)
        #expect(story.headline == "Relief fund opens")
        #expect(story.attributes["continuing_day"] == .int(3))
    }
}
