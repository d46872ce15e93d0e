import Foundation
import PipeSupport
import PipelineKit
import TextKit

/// Turns a group of documents into a ``Story`` for the digest.
struct StoryBuilder {
    let documents: [Document]
    let space: FeatureSpace
    /// How many entities and keywords a story lists.
    let topEntities = 10
    let topKeywords = 8

    /// The story of the documents at `indices` (two or more, or one when
    /// singletons are stories).
    func story(of indices: [Int]) -> Story {
        // Centrality: cosine with the group's centroid.
        var centroid = TermVector()
        for index in indices { centroid = centroid.adding(space.vectors[index]) }
        let centrality = Dictionary(uniqueKeysWithValues: indices.map { ($0, space.vectors[$0].cosine(centroid)) })
        let ordered = indices.sorted { a, b in
            let ca = centrality[a]!, cb = centrality[b]!
            return ca != cb ? ca > cb : documents[a].id < documents[b].id
        }
        let members = ordered.map { documents[$0] }
        // Members of an earlier day's story (with a state store) link today's
        // articles to it and count for its dates, entities and keywords, but a
        // reader sees today's: the headline and outlets come from today's members.
        let today = members.filter { $0.carriedFromStory == nil }
        let shown = today.isEmpty ? members : today
        let headline = shown.lazy.compactMap { document in
            document.title.map { SiteSuffix.strip($0, site: document.site) }
        }.first { !$0.isEmpty }
        let dates = members.compactMap(\.published)
        let outlets = Set(shown.compactMap { $0.site?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        return Story(
            id: Self.id(for: members.map(\.id)), members: members.map(\.id), headline: headline,
            entities: entities(of: members), keywords: keywords(of: members, centroid: centroid),
            firstSeen: dates.min(), lastSeen: dates.max(), outlets: outlets.sorted())
    }

    /// `s-` and 12 hex digits of a stable hash of the sorted member ids: the
    /// same members give the same id whatever the order they came in.
    static func id(for memberIDs: [String]) -> String {
        let hash = StableHash.fnv1a(memberIDs.sorted().joined(separator: "\n"))
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return "s-" + padded.prefix(12)
    }

    /// The members' entities added up by name, most mentioned first. A name the
    /// members type differently ("Calder" a place in one article, an organisation
    /// in another) is listed once, with the type most of its mentions have.
    func entities(of members: [Document]) -> [Entity] {
        struct Tally {
            var count = 0, documents = 0
            var byType: [Entity.Kind: Int] = [:]
            mutating func add(_ entity: Entity) {
                count += entity.count
                documents += 1
                byType[entity.type, default: 0] += entity.count
            }
        }
        var tallies: [String: Tally] = [:]
        for document in members {
            for entity in document.entities { tallies[entity.text, default: Tally()].add(entity) }
        }
        let all = tallies.map { text, tally in
            let type = tally.byType.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            return (entity: Entity(text: text, type: type, count: tally.count), documents: tally.documents)
        }
        return all.sorted { a, b in
            if a.documents != b.documents { return a.documents > b.documents }
            if a.entity.count != b.entity.count { return a.entity.count > b.entity.count }
            return a.entity.text < b.entity.text
        }.prefix(topEntities).map(\.entity)
    }

    /// The members' keywords with their scores added up (a keyword many
    /// members chose ranks high); without keywords from `extract`, the
    /// heaviest words of the centroid.
    func keywords(of members: [Document], centroid: TermVector) -> [Keyword] {
        var scores: [String: Double] = [:]
        for document in members {
            for keyword in document.keywords { scores[keyword.term.lowercased(), default: 0] += keyword.score }
        }
        if !scores.isEmpty {
            return scores.map { Keyword(term: $0.key, score: $0.value / Double(members.count)) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
                .prefix(topKeywords).map { $0 }
        }
        let scale = centroid.norm > 0 ? 1 / centroid.norm : 0
        return centroid.top(topKeywords * 3).compactMap { entry in
            space.readable(entry.term).map { Keyword(term: $0, score: Double(entry.weight) * scale) }
        }.prefix(topKeywords).map { $0 }
    }
}
