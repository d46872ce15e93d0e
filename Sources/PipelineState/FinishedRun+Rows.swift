import PipelineKit
import PipelineRuntime

/// What both state stores work out of a finished run before writing its rows,
/// so they record the same thing.
extension FinishedRun {
    /// The story each document belongs to (the first story naming it).
    var storyOfMember: [String: String] {
        Dictionary(stories.flatMap { story in story.members.map { ($0, story.id) } }) { first, _ in first }
    }

    /// Where each document or reject of the run came from, by id (the first seen).
    var sourceOfID: [String: String] {
        Dictionary(documents.map { ($0.id, $0.source) } + rejects.map { ($0.id, $0.source) }) { first, _ in first }
    }

    /// A document as a store keeps it: without its raw content, which only `clean` reads.
    static func stored(_ document: Document) throws -> String {
        var stored = document
        stored.raw = nil
        return try StoreJSON.encode(stored)
    }
}
