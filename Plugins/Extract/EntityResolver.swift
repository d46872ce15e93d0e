import PipelineKit

/// Merges the mentions of one document into entities: variants of one name
/// become one entity whose type is decided by all their evidence.
enum EntityResolver {
    /// Organisation evidence below this, on a name seen at most twice, is not enough to list it.
    /// (Newswire dev split, typed F1, names seen once: 0.5225 with no cut, 0.5369 at 0.5, 0.5429 at
    /// 1.0, 0.5388 at 1.5; the same cut for people lowers F1, so it is not made. Extending it to
    /// names seen twice: 0.5479 -> 0.5502 on the newswire split, 0.5130 -> 0.5114 on wikigold.)
    static let weakOrganization = 1.0

    /// A group of mentions that name the same thing.
    struct Group {
        var surfaces: [String: Int] = [:]
        var evidence = EntityRecognizer.Evidence()
        var canonical: String?
        var count = 0
        var firstSeen: Int

        var words: Int { (canonical ?? longest).split(separator: " ").count }
        var longest: String {
            surfaces.keys.max { ($0.count, $1) < ($1.count, $0) } ?? ""
        }
        /// The most mentioned surface form, longer first on ties, then alphabetical.
        var mostFrequent: String {
            surfaces.max { a, b in (a.value, a.key.count, b.key) < (b.value, b.key.count, a.key) }?.key ?? ""
        }
    }

    /// `name.split(separator: " ")`, split on the UTF-8 bytes when the name is ASCII (each byte
    /// a Character, so the same pieces): splitting by Characters was a fifth of resolving.
    static func words(of name: String) -> [Substring] {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.split(separator: " ") }
        return name.utf8.split(separator: UInt8(ascii: " ")).map { name[$0.startIndex..<$0.endIndex] }
    }

    static func resolve(_ mentions: [EntityRecognizer.Mention], variants: Bool) -> [Entity] {
        // 1. Group identical names (or gazetteer aliases of one name).
        var groups: [Group] = []
        var index: [String: Int] = [:]
        index.reserveCapacity(mentions.count)
        for (position, mention) in mentions.enumerated() {
            let key = mention.canonical ?? mention.surface
            if let g = index[key] {
                groups[g].surfaces[mention.surface, default: 0] += 1
                groups[g].evidence = groups[g].evidence + mention.evidence
                groups[g].count += 1
            } else {
                index[key] = groups.count
                var group = Group(firstSeen: position)
                group.surfaces[mention.surface] = 1
                group.evidence = mention.evidence
                group.canonical = mention.canonical
                group.count = 1
                groups.append(group)
            }
        }

        // 2. Link a one-word name to a longer name it is part of: a person's first or last
        //    name ("Schmidt" → "Eric Schmidt"), an organisation's first word ("Tencent" →
        //    "Tencent Holdings"), an acronym of its initials ("SMUG").
        var owner: [String: Int] = [:]
        var ambiguous: Set<String> = []
        for (g, group) in groups.enumerated() where !group.evidence.gazetteer || group.evidence.best != .location {
            let name = group.canonical ?? group.longest
            let parts = Self.words(of: name).map(String.init)
            guard parts.count >= 2 else { continue }
            var keys = [parts[parts.count - 1], parts[0]]
            let initials = String(parts.compactMap { $0.first }.filter(\.isUppercase))
            if initials.count >= 2 { keys.append(initials) }
            // Each distinct key once (first and last word, or a word and the initials, can be equal):
            // a scan of two or three, not a Set built per name. Keys are independent: order does not matter.
            for (n, key) in keys.enumerated() where !keys[..<n].contains(key) {
                if let other = owner[key], other != g { ambiguous.insert(key) } else { owner[key] = g }
            }
        }
        //    And a company's name without its head word ("Blue Orchard" → "Blue Orchard Dairy").
        var shortOwner: [String: Int] = [:]
        for (g, group) in groups.enumerated() where !group.evidence.gazetteer && group.evidence.best == .organization {
            let parts = Self.words(of: group.canonical ?? group.longest)
            guard parts.count >= 3, EntityCues.organizationHeads.contains(parts[parts.count - 1].lowercased()) else {
                continue
            }
            let key = parts.dropLast().joined(separator: " ")
            if let other = shortOwner[key], other != g { ambiguous.insert(key) } else { shortOwner[key] = g }
        }
        var mergedInto = Array(groups.indices)
        for (g, group) in groups.enumerated() {
            let name = group.canonical ?? group.longest
            guard !ambiguous.contains(name),
                let target = name.utf8.contains(UInt8(ascii: " ")) ? shortOwner[name] : owner[name], target != g
            else { continue }
            // Only merge when the types can agree: a place does not fold into a person.
            let own = group.evidence
            if own.gazetteer && own.best != groups[target].evidence.best { continue }
            // A town is not the club or company named after it ("Calder", "Calder United").
            if own.best == .location && groups[target].evidence.best != .location { continue }
            mergedInto[g] = target
        }
        var merged: [Group] = []
        var mergedIndex: [Int: Int] = [:]
        for (g, group) in groups.enumerated() {
            let root = mergedInto[g]
            if root == g {
                mergedIndex[g] = merged.count
                merged.append(group)
            }
        }
        for (g, group) in groups.enumerated() where mergedInto[g] != g {
            guard let m = mergedIndex[mergedInto[g]] else { continue }
            for (surface, count) in group.surfaces { merged[m].surfaces[surface, default: 0] += count }
            // A short form of a company's name takes the company's type: its own
            // evidence is only the two-plain-words prior of a person's name.
            if !(group.canonical ?? group.longest).utf8.contains(UInt8(ascii: " ")) {
                merged[m].evidence = merged[m].evidence + group.evidence
            }
            merged[m].count += group.count
        }

        // 3. Name, type, order.
        var entities: [Entity] = []
        for group in merged {
            let type = group.evidence.best
            // An organisation named once or twice, with nothing but capitalisation behind it
            // (no gazetteer entry, no "Inc."/"Ministry"/"of" cue, no context word), is
            // as often a fragment, a heading word or a site artefact as a real
            // organisation: measured on the newswire dev split, leaving it out
            // gains more precision than it costs recall.
            if type == .organization, !group.evidence.gazetteer, group.count <= 2,
                group.evidence.scores[EntityRecognizer.Evidence.index(.organization)] < Self.weakOrganization
            {
                continue
            }
            if variants {
                for (surface, count) in group.surfaces {
                    entities.append(Entity(text: surface, type: type, count: count))
                }
                continue
            }
            // A person by their fullest name; anything else as the text mostly writes it
            // ("U.S." in an article that says "U.S." nine times and "United States" once).
            let text: String
            if type == .person {
                text = group.longest
            } else {
                text = group.mostFrequent
            }
            entities.append(Entity(text: text, type: type, count: group.count))
        }
        return entities.sorted { ($1.count, $0.text, $0.type) < ($0.count, $1.text, $1.type) }
    }
}
