import Foundation
import PipelineKit
import TextKit

/// A story's summary drawn from all its members: sentences scored by
/// centrality across the whole story and by how many of the story's key
/// entities and terms they mention; a sentence repeated by syndicated copies
/// (or reworded only slightly) is said once, credited to every outlet that
/// carried it.
struct StorySummarizer: Sendable {
    let summarizer: ExtractiveSummarizer
    /// Sentences read from each member; later ones rarely lead a story.
    static let sentencesPerMember = 25
    /// Cosine of stem vectors at or above which two sentences say the same.
    static let sameSentence = 0.7
    /// How much mentioning the story's key terms adds, at full coverage.
    static let coverageWeight = 0.3
    /// What a sentence from an outlet not yet quoted adds.
    static let newSourceBonus = 0.05
    /// Redundancy for story summaries, at least: outlets retell the same lead
    /// in their own words, and the summary should say it once.
    static let storyRedundancy = 0.8
    /// Share of content words (Jaccard) two sentences of one summary may have in common; above it
    /// the second says the first again in other words.
    static let sameFact = 0.4
    /// Taken off a sentence that repeats a chosen one: more than any score adds up to.
    static let repeatPenalty = 100.0

    /// One sentence of a story summary and where it came from.
    struct Line: Sendable, Equatable {
        var text: String
        /// Ids of the members that carry it, the one quoted first.
        var documents: [String]
        /// Their outlets, distinct, in the same order (members without a site left out).
        var outlets: [String]
    }

    /// The summary lines of `story` from its members' sentences already pooled (`pools[i]` is
    /// `SentencePool.sentences(of: members[i], …)`), in reading order.
    func summarize(_ story: Story, members: [Document], pools: [[Sentence]], budget: Budget) -> [Line] {
        guard !members.isEmpty else { return [] }
        var pool: [Sentence] = []
        for (index, sentences) in pools.enumerated() {
            for var sentence in sentences.prefix(Self.sentencesPerMember) {
                sentence.document = index
                pool.append(sentence)
            }
        }
        // A sentence leaning on the one before it reads badly out of its article.
        let standalone = pool.filter { !Self.leansOnPrevious($0.text) }
        if !standalone.isEmpty { pool = standalone }
        guard !pool.isEmpty else { return [] }

        // Group sentences that say the same; each group is one candidate. A sentence joins the first
        // group (in order of making) whose first sentence it is like and from another document. Only
        // groups sharing a stem with it can be alike, so those are found through each stem's list of
        // groups, not by comparing with every group (a big story has thousands).
        let vectors = ExtractiveSummarizer.vectors(pool)
        var groupOf = [Int](repeating: -1, count: pool.count)
        var groups: [[Int]] = []
        var groupsByStem = [[Int32]](
            repeating: [], count: Int(vectors.lazy.compactMap { $0.terms.last }.max() ?? -1) + 1)
        var seen = [Int32](repeating: -1, count: pool.count)
        var alike: [Int32] = []
        for index in pool.indices {
            alike.removeAll(keepingCapacity: true)
            for stem in vectors[index].terms {
                for group in groupsByStem[Int(stem)] where seen[Int(group)] != Int32(index) {
                    seen[Int(group)] = Int32(index)
                    alike.append(group)
                }
            }
            alike.sort()
            if let group = alike.lazy.map(Int.init).first(where: {
                vectors[groups[$0][0]].cosine(vectors[index]) >= Self.sameSentence
                    && pool[groups[$0][0]].document != pool[index].document
            }) {
                groups[group].append(index)
                groupOf[index] = group
            } else {
                groupOf[index] = groups.count
                for stem in vectors[index].terms { groupsByStem[Int(stem)].append(Int32(groups.count)) }
                groups.append([index])
            }
        }
        let candidates = groups.map { pool[$0[0]] }

        // Key terms: the story's entities and keywords as stems.
        let keyStems = Set(
            (story.entities.map(\.text) + story.keywords.map(\.term)).flatMap { phrase in
                Tokenizer.words(phrase).filter { !Stopwords.english.contains($0) }.map(Stemmer.stem)
            })
        let bonus = candidates.map { sentence -> Double in
            guard !keyStems.isEmpty else { return 0 }
            let mentioned = Set(sentence.stems).intersection(keyStems).count
            // A repeated sentence is one many outlets thought worth saying.
            return Self.coverageWeight * Double(mentioned) / Double(keyStems.count)
        }
        let documentOf = candidates.map(\.document)
        let facts = candidates.map { SentenceFacts($0.text) }
        var summarizer = summarizer
        summarizer.redundancy = max(summarizer.redundancy, Self.storyRedundancy)
        // A sentence that restates a chosen one's figure or most of its words says a fact twice: it
        // is passed over while anything else is left, and dropped if it is all that is left.
        let picked = summarizer.select(candidates, budget: budget, bonus: bonus) { index, chosen in
            if facts[index].repeatsItself(overlap: Self.sameFact)
                || chosen.contains(where: { facts[$0].repeats(facts[index], overlap: Self.sameFact) })
            {
                return -Self.repeatPenalty
            }
            return chosen.contains { documentOf[$0] == documentOf[index] } ? 0 : Self.newSourceBonus
        }
        var chosen: [Int] = []
        for index in picked
        where !facts[index].repeatsItself(overlap: Self.sameFact)
            && !chosen.contains(where: { facts[$0].repeats(facts[index], overlap: Self.sameFact) })
        {
            chosen.append(index)
        }
        // Reading order: earlier in its article first, then by member order.
        let ordered = chosen.sorted { a, b in
            let sa = candidates[a], sb = candidates[b]
            let ra = Double(sa.position) / Double(max(1, sa.documentLength))
            let rb = Double(sb.position) / Double(max(1, sb.documentLength))
            return ra != rb ? ra < rb : a < b
        }
        return ordered.map { group in
            var documents: [String] = []
            var outlets: [String] = []
            for index in groups[group] {
                let member = members[pool[index].document]
                if !documents.contains(member.id) { documents.append(member.id) }
                if let site = member.site, !site.isEmpty, !outlets.contains(site) { outlets.append(site) }
            }
            return Line(text: candidates[group].text, documents: documents, outlets: outlets)
        }
    }

    /// Whether a sentence opens with a word pointing back ("It", "They",
    /// "But", "However"), so it needs its predecessor to make sense.
    ///
    /// An ASCII first word is read from the bytes (trimming ASCII punctuation as Foundation's
    /// `punctuationCharacters` would); any other goes through Foundation.
    static func leansOnPrevious(_ sentence: String) -> Bool {
        if let answer = sentence.utf8.withContiguousStorageIfAvailable(asciiLeansOnPrevious) ?? nil { return answer }
        guard let first = sentence.split(separator: " ", maxSplits: 1).first else { return false }
        let word = first.lowercased().trimmingCharacters(in: .punctuationCharacters)
        return danglingOpeners.contains(word)
    }

    /// ``leansOnPrevious(_:)`` for a sentence whose first word is ASCII; nil for any other.
    private static func asciiLeansOnPrevious(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != 0x20 {
            if bytes[end] >= 0x80 { return nil }
            end += 1
        }
        // A combining mark after the space would make it part of the word's last character.
        if end + 1 < bytes.count, bytes[end + 1] >= 0x80 { return nil }
        while start < end, isASCIIPunctuation(bytes[start]) { start += 1 }
        while end > start, isASCIIPunctuation(bytes[end - 1]) { end -= 1 }
        guard end - start <= 9 else { return false }  // no opener is longer
        let word = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]).lazy.map {
                $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0
            }, as: UTF8.self)
        return danglingOpeners.contains(word)
    }

    /// ASCII characters in Unicode's punctuation categories (what `CharacterSet.punctuationCharacters`
    /// holds of ASCII): `!"#%&'()*,-./:;?@[\]_{}`, not the symbols `$+<=>^`|~`.
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x23, 0x25...0x2A, 0x2C...0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B...0x5D, 0x5F, 0x7B, 0x7D: true
        default: false
        }
    }

    static let danglingOpeners: Set<String> = [
        "it", "its", "he", "she", "they", "them", "his", "her", "their", "this", "that", "these", "those", "but",
        "and", "however", "also", "meanwhile", "still", "yet", "so", "such",
    ]

    /// The lines as the `sources` attribute: `[{sentence, documents, outlets}]`.
    static func sourcesJSON(_ lines: [Line]) -> JSONValue {
        .array(
            lines.map { line in
                .object([
                    ("sentence", .string(line.text)),
                    ("documents", .array(line.documents.map { .string($0) })),
                    ("outlets", .array(line.outlets.map { .string($0) })),
                ])
            })
    }
}
