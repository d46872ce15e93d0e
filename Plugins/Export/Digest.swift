import Foundation
import PipelineKit

/// The batch arranged for reading: stories biggest and newest first, then the
/// articles that belong to no story, newest first. Every format renders this
/// one arrangement, so they agree on order.
struct Digest {
    let pipeline: String
    let date: String
    let stories: [Story]
    /// Every document, in digest order: story members first, then the rest.
    let documents: [Document]
    /// Documents in no story, newest first.
    let unclustered: [Document]
    /// What the state store remembered that this run does not show (quiet days).
    let carriedOver: CarriedOver
    private let byID: [String: Document]
    /// Document id → the id of the first story (in digest order) listing it.
    private let storyOfMember: [String: String]

    init(batch: Batch, pipeline: String, date: String) {
        self.pipeline = pipeline
        self.date = date
        carriedOver = batch.carriedOver
        let byID = Dictionary(batch.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.byID = byID
        stories = batch.stories.sorted { a, b in
            if a.members.count != b.members.count { return a.members.count > b.members.count }
            let aLast = a.lastSeen ?? .distantPast, bLast = b.lastSeen ?? .distantPast
            if aLast != bLast { return aLast > bLast }
            return a.id < b.id
        }
        let inStories = Set(stories.flatMap(\.members))
        unclustered = batch.documents.filter { !inStories.contains($0.id) }.sorted(by: Digest.newestFirst)
        var ordered: [Document] = []
        var seen = Set<String>()
        for story in stories {
            for member in story.members where seen.insert(member).inserted {
                if let document = byID[member] { ordered.append(document) }
            }
        }
        documents = ordered + unclustered
        var storyOfMember: [String: String] = [:]
        for story in stories {
            for member in story.members where storyOfMember[member] == nil { storyOfMember[member] = story.id }
        }
        self.storyOfMember = storyOfMember
    }

    /// The story a document belongs to: its own `story` field, else the story listing it.
    func storyID(of document: Document) -> String? {
        document.story ?? storyOfMember[document.id]
    }

    func members(of story: Story) -> [Document] {
        story.members.compactMap { byID[$0] }
    }

    static func newestFirst(_ a: Document, _ b: Document) -> Bool {
        let aDate = a.published ?? .distantPast, bDate = b.published ?? .distantPast
        if aDate != bDate { return aDate > bDate }
        return a.id < b.id
    }
}
