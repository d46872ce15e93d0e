import Foundation
import PipelineKit
import TextKit

/// Groups documents about the same event into stories, and marks
/// near-duplicate copies.
///
/// ```yaml
/// - cluster:
///     threshold: 0.18
///     window_days: 3
///     crowd_size: 8
/// ```
///
/// Documents become TF-IDF vectors (stemmed words, word pairs, names and
/// numbers weighted up, the title counted `title_weight` times, entities
/// from `extract` when present). Candidate pairs come from an inverted index
/// over each document's strongest terms, so the work grows about linearly
/// with the batch; candidates get their exact cosine, scaled down inside a
/// crowd of close articles (``CrowdCalibration``); then average-linkage
/// agglomeration merges groups while the mean similarity across them stays
/// at or above `threshold`.
public struct ClusterStage: BatchStage {
    public static let name = "cluster"
    public static let abstract = "Articles about the same story grouped across outlets; near-duplicates recognised."
    public static let discussion = """
        Documents are compared by TF-IDF over stemmed words and word pairs (names and numbers weighted up, \
        the title counted `title_weight` times) plus extract's entities and keywords when present. Candidate \
        pairs come from an inverted index over each document's strongest terms; groups merge while their \
        average (or complete) linkage stays at or above `threshold`, so one shared name cannot chain two \
        stories, and at least `cohesion` times the tighter group's own mean similarity, so two tight \
        stories about one company (export rules, a chip launch) stay apart. An article with `crowd_size` neighbours or more \
        at `crowd_level` or above is in a crowd (many articles on one topic, which may be several events: two \
        earthquakes on one island); its similarities are scaled by the square root of `crowd_level` over its \
        `crowd_size`-th neighbour's, so inside a crowd only what stands out from it links. Articles published up to `window_days` apart are \
        compared at full strength; further apart, their similarity is discounted with the logarithm of the gap (a week: \
        0.80, a month: 0.59, a year: 0.41 of it at the default 3 days), so follow-up coverage weeks later still joins \
        its story on strong evidence. Near-duplicates \
        (MinHash over 5-word shingles) get `duplicate_of` naming the earliest copy and always share a story: \
        only originals are compared and grouped, and each copy joins its original's story, so a report that \
        a hundred outlets print is one story and its copies weigh no more than one article. \
        A story's id is a hash of its sorted member ids; its headline is the most central member's title \
        without the site name (of today's members, when a state store carried earlier days' in). Groups smaller than `min_size` stay plain documents.
        """
    public static let contract = StageContract(requires: [.text], produces: [.story])

    /// Default similarity threshold, chosen with the crowd defaults on the ECB+ and Gun Violence dev
    /// splits together (Benchmarks/quality/cluster.sh; the sweep is in docs/evaluation.md).
    public static let defaultThreshold = 0.18

    public struct Options: StageOptions {
        public var threshold = ClusterStage.defaultThreshold
        public var linkage = ClusterLinkage.average
        public var windowDays = 3.0
        public var minSize = 2
        public var features: [ClusterFeature] = [.title, .text, .entities]
        public var titleWeight = 2.0
        public var entityWeight = 1.0
        public var duplicateThreshold = 0.8
        public var strongTerms = 40
        public var cohesion = 0.5
        public var crowdSize = 8
        public var crowdLevel = 0.25

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init(
                "threshold", \.threshold, range: 0.0...1.0,
                help: "Linkage similarity (cosine) at or above which two groups of articles merge into one story."),
            .init(
                "linkage", \.linkage,
                help: "How two groups' similarity is judged: the mean of their pairs, or their least similar pair."),
            .init(
                "cohesion", \.cohesion, range: 0.0...1.0,
                help:
                    "A group joins a story only if its linkage is at least this share of the story's own mean similarity; keeps two tight stories about one company apart (0 turns it off)."
            ),
            .init(
                "crowd_size", \.crowdSize, range: 0...1000,
                help:
                    "Neighbours at crowd_level or above that put an article in a crowd, where its similarities are scaled down by how close its crowd is (0 turns it off)."
            ),
            .init(
                "crowd_level", \.crowdLevel, range: 0.01...1.0,
                help: "Similarity from which a neighbour counts towards a crowd."),
            .init(
                "window_days", \.windowDays, range: 0.0...3650.0,
                help:
                    "Articles published within this many days are compared at full strength; further apart, their similarity is discounted with the logarithm of the gap. 0 turns the discount off."
            ),
            .init(
                "min_size", \.minSize, range: 1...1000,
                help:
                    "Fewest articles a story has; smaller groups stay plain documents (1 makes every article a story)."),
            .init("features", \.features, help: "What articles are compared by."),
            .init("title_weight", \.titleWeight, range: 0.0...20.0, help: "How many times a title word counts."),
            .init(
                "entity_weight", \.entityWeight, range: 0.0...20.0,
                help: "How much each mention of an extracted entity counts."),
            .init(
                "duplicate_threshold", \.duplicateThreshold, range: 0.3...1.0,
                help:
                    "Estimated Jaccard similarity of 5-word shingles at or above which an article is a copy of another."
            ),
            .init(
                "strong_terms", \.strongTerms, range: 1...500,
                help: "Heaviest terms per article used to find candidate pairs; more finds more pairs, slower."),
        ]

        public func validate() throws(OptionError) {
            if features.isEmpty {
                throw OptionError("features must name at least one of title, text, entities, keywords")
            }
        }
    }

    /// Attribute naming the document a near-duplicate copies.
    public static let duplicateAttribute = "duplicate_of"

    let options: Options

    public init(options: Options, context: StageSetup) {
        self.options = options
    }

    public func process(_ batch: inout Batch, context: StageContext) async throws {
        // Work in id order, so the input order cannot change the result.
        batch.documents.sort { $0.id < $1.id }
        let documents = batch.documents
        guard !documents.isEmpty else {
            batch.stories = []
            return
        }
        let weights = FeatureWeights(
            features: Set(options.features), title: options.titleWeight,
            entity: options.entityWeight)
        let space = FeatureSpace(
            documents: documents, weights: weights, shingles: NearDuplicates.hasher,
            width: context.jobs)
        try context.checkCancellation()

        let duplicates = NearDuplicates(
            documents: documents, signatures: space.signatures,
            threshold: options.duplicateThreshold, width: context.jobs)
        // A copy goes wherever its original goes: only originals and articles without copies are
        // compared and grouped. So a wire story printed by a hundred outlets is one story, its copies
        // add no weight to a group's linkage, and they do not push its words past `maxPosting`.
        let compared = documents.indices.filter { duplicates.originalOf[$0] == nil }
        var copiesOf: [Int: [Int]] = [:]
        for (copy, original) in duplicates.originalOf { copiesOf[original, default: []].append(copy) }
        let published = compared.map { documents[$0].published }
        let window = options.windowDays
        let discount: @Sendable (Int, Int) -> Double = { i, j in
            guard let a = published[i], let b = published[j] else { return 1 }
            return Self.followUpDiscount(days: abs(a.timeIntervalSince(b)) / 86_400, windowDays: window)
        }
        let graph = SimilarityGraph(
            vectors: compared.map { space.vectors[$0] }, strongTerms: options.strongTerms,
            maxPosting: Self.maxPosting(documentCount: compared.count), floor: options.threshold / 4,
            threshold: options.threshold, weakLimit: Self.weakLimit, width: context.jobs,
            discount: discount)
        try context.checkCancellation()

        // Inside a crowd of close articles, only what stands out from the crowd links.
        let edges =
            options.crowdSize > 0
            ? CrowdCalibration(rank: options.crowdSize, level: options.crowdLevel).calibrated(
                graph.edges, count: compared.count)
            : graph.edges
        let clustering = Agglomeration(
            count: compared.count, edges: edges, threshold: options.threshold,
            linkage: options.linkage, cohesion: options.cohesion)

        let builder = StoryBuilder(documents: documents, space: space)
        var stories: [Story] = []
        for group in clustering.groups {
            let members = group.flatMap { [compared[$0]] + (copiesOf[compared[$0]] ?? []) }.sorted()
            if members.count >= options.minSize { stories.append(builder.story(of: members)) }
        }
        stories.sort { $0.id < $1.id }
        var storyOf: [String: String] = [:]
        for story in stories {
            for member in story.members { storyOf[member] = story.id }
        }
        for index in batch.documents.indices {
            batch.documents[index].story = storyOf[batch.documents[index].id]
            if let original = duplicates.originalOf[index] {
                batch.documents[index].attributes[Self.duplicateAttribute] = .string(documents[original].id)
            } else {
                batch.documents[index].attributes[Self.duplicateAttribute] = nil
            }
        }
        batch.stories = stories
        context.logger.debug(
            "cluster: \(documents.count) documents (\(compared.count) compared), \(graph.edges.count) linked pairs, \(stories.count) stories, \(duplicates.originalOf.count) near-duplicates"
        )
    }

    /// How much of two articles' similarity counts when they were published `days` apart: all of
    /// it within `windowDays` (0: always all); beyond, a share that shrinks with the logarithm of
    /// how many windows apart they are, so a follow-up (the arrest a week after a shooting, the
    /// trial months later) still joins its story on strong evidence, while two events of one kind
    /// in one place a month apart need more than their shared vocabulary.
    /// With a 3-day window: 1 at 3 days, 0.80 at a week, 0.59 at a month, 0.41 at a year.
    static func followUpDiscount(days: Double, windowDays: Double) -> Double {
        guard windowDays > 0, days > windowDays else { return 1 }
        return 1 / (1 + followUpDecay * log(days / windowDays))
    }

    /// How fast ``followUpDiscount(days:windowDays:)`` falls: chosen on the ECB+ and Gun Violence dev
    /// splits together (Benchmarks/quality/cluster.sh); 0.3 against 0.6 and a hard cut at the window.
    static let followUpDecay = 0.3

    /// How many days after a story's last article a follow-up can still join it: the gap at which
    /// ``followUpDiscount(days:windowDays:)`` leaves `reachShare` of a pair's similarity (85 days at
    /// the 3-day window; 365, the most a state store keeps, when the discount is off). A pipeline's
    /// state store keeps stories open this long unless its `state:` sets `window_days`.
    static func followUpReach(windowDays: Double) -> Int {
        guard windowDays > 0 else { return 365 }
        let days = windowDays * exp((1 / reachShare - 1) / followUpDecay)
        return Int(min(365, max(1, days.rounded(.up))))
    }

    /// The share of its similarity a follow-up keeps at the edge of a story's reach: the default
    /// threshold (0.18) is about half the median similarity of two articles of one story (0.36
    /// on ECB+ dev, 0.34 on Gun Violence dev), so further on a typical follow-up no longer links.
    static let reachShare = 0.5

    /// Weak pairs (below the threshold) a document keeps towards later documents.
    static let weakLimit = 32

    /// A strong term shared by more documents than this says little about
    /// which story they tell; skipping it keeps candidate generation linear.
    static func maxPosting(documentCount: Int) -> Int {
        max(50, min(200, documentCount / 20))
    }
}

extension ClusterStage.Options: StoryReach {
    /// See ``ClusterStage/followUpReach(windowDays:)``.
    public var storyReachDays: Int { ClusterStage.followUpReach(windowDays: windowDays) }
}
