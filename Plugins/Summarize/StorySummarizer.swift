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

        // Group sentences that say the same; each group is one candidate.
        let vectors = ExtractiveSummarizer.vectors(pool)
        var groupOf = [Int](repeating: -1, count: pool.count)
        var groups: [[Int]] = []
        for index in pool.indices {
            if let group = groups.indices.first(where: { vectors[groups[$0][0]].cosine(vectors[index]) >= Self.sameSentence
                    && pool[groups[$0][0]].document != pool[index].document })
            {
                groups[group].append(index)
                groupOf[index] = group
            } else {
                groupOf[index] = groups.count
                groups.append([index])
            }
        }
        let candidates = groups.map { pool[$0[0]] }

        // Key terms: the story's entities and keywords as stems.
        let keyStems = Set((story.entities.map(\.text) + story.keywords.map(\.term)).flatMap { phrase in
            Tokenizer.words(phrase).filter { !Stopwords.english.contains($0) }.map(Stemmer.stem)
        })
        let bonus = candidates.map { sentence -> Double in
            guard !keyStems.isEmpty else { return 0 }
            let mentioned = Set(sentence.stems).intersection(keyStems).count
            // A repeated sentence is one many outlets thought worth saying.
            return Self.coverageWeight * Double(mentioned) / Double(keyStems.count)
        }
        let documentOf = candidates.map(\.document)
        var summarizer = summarizer
        summarizer.redundancy = max(summarizer.redundancy, Self.storyRedundancy)
        let chosen = summarizer.select(candidates, budget: budget, bonus: bonus) { index, chosen in
            chosen.contains { documentOf[$0] == documentOf[index] } ? 0 : Self.newSourceBonus
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
    static func leansOnPrevious(_ sentence: String) -> Bool {
        guard let first = sentence.split(separator: " ", maxSplits: 1).first else { return false }
        let word = first.lowercased().trimmingCharacters(in: .punctuationCharacters)
        return danglingOpeners.contains(word)
    }

    static let danglingOpeners: Set<String> = [
        "it", "its", "he", "she", "they", "them", "his", "her", "their", "this", "that", "these", "those", "but",
        "and", "however", "also", "meanwhile", "still", "yet", "so", "such",
    ]

    /// The lines as the `sources` attribute: `[{sentence, documents, outlets}]`.
    static func sourcesJSON(_ lines: [Line]) -> JSONValue {
        .array(lines.map { line in
            .object([
                ("sentence", .string(line.text)),
                ("documents", .array(line.documents.map { .string($0) })),
                ("outlets", .array(line.outlets.map { .string($0) })),
            ])
        })
    }
}
