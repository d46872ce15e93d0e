import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// The runtime's part in a story that joins earlier days' articles: the
/// earlier id, the continuation, and only today's articles in the digest.
/// What the story shows (headline, outlets) is the story-forming stage's.
@Suite("Continuing stories")
struct ContinueStoriesTests {
    static func document(_ id: String, _ title: String, site: String, carriedFrom story: String? = nil) -> Document {
        var document = Document(id: id, source: id, title: title, site: site, text: ["\(title)."])
        document.carriedFromStory = story
        return document
    }

    static let earlier = StoredStory(
        story: Story(id: "s-flood", members: ["d1/wire", "d1/post"], headline: "Record flood forces 1,200 from homes"),
        firstRun: "2026-11-20",
        members: [
            document("d1/wire", "Record flood forces 1,200 from homes", site: "Meridian Wire"),
            document("d1/post", "State of emergency declared", site: "Northgate Post"),
        ])

    /// Today's clustering put two new articles with yesterday's two, heading the story as the stage does.
    static func batch() -> Batch {
        let documents = [
            document("d1/post", "State of emergency declared", site: "Northgate Post", carriedFrom: "s-flood"),
            document("d1/wire", "Record flood forces 1,200 from homes", site: "Meridian Wire", carriedFrom: "s-flood"),
            document("d2/herald", "Defences hold as the crest passes Pinecrest", site: "Pinecrest Herald"),
            document("d2/wire", "Relief fund opens early", site: "Meridian Wire"),
        ]
        let story = Story(
            id: "s-new", members: ["d1/wire", "d2/herald", "d1/post", "d2/wire"],
            headline: "Defences hold as the crest passes Pinecrest",
            outlets: ["Meridian Wire", "Pinecrest Herald"])
        var batch = Batch(documents: documents, stories: [story])
        for index in batch.documents.indices { batch.documents[index].story = "s-new" }
        return batch
    }

    @Test("a continuing story keeps yesterday's id, gets its continuation, and shows only today's articles")
    func continuesEarlierStory() throws {
        var batch = Self.batch()
        RunState.continueStories(in: &batch, open: ["s-flood": Self.earlier], runDate: "2026-11-21")
        let story = try #require(batch.stories.first)
        #expect(story.id == "s-flood")
        #expect(story.members == ["d2/herald", "d2/wire"])
        #expect(story.continuation == Story.Continuation(day: 2, firstRun: "2026-11-20", earlierArticles: 2))
        #expect(batch.documents.map(\.id) == ["d2/herald", "d2/wire"])
        #expect(batch.documents.allSatisfy { $0.story == "s-flood" })
        // The stage's headline and outlets are left as the stage set them.
        #expect(story.headline == "Defences hold as the crest passes Pinecrest")
        #expect(story.outlets == ["Meridian Wire", "Pinecrest Herald"])
    }

    @Test("the day counts whole days from the story's first run")
    func dayCount() throws {
        var batch = Self.batch()
        RunState.continueStories(in: &batch, open: ["s-flood": Self.earlier], runDate: "2026-11-22")
        #expect(batch.stories.first?.continuation?.day == 3)
    }

    @Test("the continuation reads and writes the attributes the state store and JSON contract keep")
    func continuationAttributes() {
        var story = Story(id: "s", members: ["a"])
        #expect(story.continuation == nil)
        story.continuation = Story.Continuation(day: 4, firstRun: "2026-11-18", earlierArticles: 7)
        #expect(story.attributes["continuing_day"] == .int(4))
        #expect(story.attributes["first_run"] == .string("2026-11-18"))
        #expect(story.attributes["earlier_articles"] == .int(7))
        story.continuation = nil
        #expect(story.attributes.isEmpty)
    }
}
