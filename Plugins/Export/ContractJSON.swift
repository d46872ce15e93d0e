import Foundation
import PipelineKit

/// The JSON shapes DESIGN.md fixes as contracts: the `jsonl` line per
/// document and the `json` digest. ../shared/eval scores these; keep them stable.
enum ContractJSON {
    static func document(_ document: Document) -> JSONValue {
        .object([
            ("id", .string(document.id)),
            ("source", .string(document.source)),
            ("url", .string(document.url)),
            ("title", .string(document.title)),
            ("author", .string(document.author)),
            ("published", .string(document.published.map(Timestamp.iso8601))),
            ("site", .string(document.site)),
            ("language", .string(document.language)),
            ("text", .string(document.joinedText)),
            ("entities", .array(document.entities.map(entity))),
            ("keywords", .array(document.keywords.map(keyword))),
            ("story", .string(document.story)),
            ("summary", .string(document.summary)),
            ("attributes", JSONValue.object(sorting: document.attributes).sortedKeys()),
        ])
    }

    static func story(_ story: Story) -> JSONValue {
        .object([
            ("id", .string(story.id)),
            ("headline", .string(story.headline)),
            ("summary", .string(story.summary)),
            ("members", .array(story.members.map { .string($0) })),
            ("outlets", .array(story.outlets.map { .string($0) })),
            ("first_seen", .string(story.firstSeen.map(Timestamp.iso8601))),
            ("last_seen", .string(story.lastSeen.map(Timestamp.iso8601))),
            ("entities", .array(story.entities.map(entity))),
            ("keywords", .array(story.keywords.map(keyword))),
            ("attributes", JSONValue.object(sorting: story.attributes).sortedKeys()),
        ])
    }

    static func digest(_ digest: Digest) -> JSONValue {
        .object([
            ("pipeline", .string(digest.pipeline)),
            ("date", .string(digest.date)),
            ("stories", .array(digest.stories.map(story))),
            ("documents", .array(digest.documents.map(document))),
        ])
    }

    static func entity(_ entity: Entity) -> JSONValue {
        ["text": .string(entity.text), "type": .string(entity.type.rawValue), "count": .int(entity.count)]
    }

    /// Scores rounded to 6 places: enough to rank, stable to print.
    static func keyword(_ keyword: Keyword) -> JSONValue {
        ["term": .string(keyword.term), "score": .double((keyword.score * 1e6).rounded() / 1e6)]
    }
}
