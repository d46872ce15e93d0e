import Foundation
import PipelineKit

/// The digest as the HTML and Markdown renderings show it: plain, unescaped
/// texts already worded and counted, so both formats have one structure.
///
/// Only stored properties: the Mustache renderer reads values by reflection.
struct DigestView {
    let title: String
    /// The run date, `YYYY-MM-DD`.
    let date: String
    /// "Friday 20 November 2026".
    let dateText: String
    /// "1 story · 3 articles · 2 outlets".
    let countsText: String
    let hasStories: Bool
    let stories: [StoryView]
    let hasOthers: Bool
    /// "Other articles", or "Articles" when there are no stories.
    let othersHeading: String
    let others: [ArticleView]
    let isEmpty: Bool
    /// Said instead of "No articles today." when a state store skipped every document:
    /// "Nothing new: the 35 articles in the input were all in earlier digests."
    let emptyText: String
    /// Stories from earlier days still open that nothing joined today, shown on a quiet day
    /// so a digest with nothing new still says where each story stands.
    let hasStillOpen: Bool
    let stillOpen: [OpenStoryView]

    /// How many names of each kind a story or article shows.
    init(digest: Digest, title: String?, chips: Int) {
        self.title = title ?? digest.pipeline
        date = digest.date
        dateText = DateText.long(digest.date)
        let outlets = Set(digest.documents.compactMap(\.site)).count
        var counts = [
            Self.count(digest.stories.count, "story", "stories"),
            Self.count(digest.documents.count, "article", "articles"),
        ]
        if outlets > 0 { counts.append(Self.count(outlets, "outlet", "outlets")) }
        countsText = counts.joined(separator: " · ")
        stories = digest.stories.enumerated().map { StoryView(digest: digest, story: $1, number: $0 + 1, chips: chips) }
        hasStories = !stories.isEmpty
        others = digest.unclustered.map { ArticleView($0, chips: chips, excerpt: true) }
        hasOthers = !others.isEmpty
        othersHeading = stories.isEmpty ? "Articles" : "Other articles"
        isEmpty = digest.documents.isEmpty
        let skipped = digest.carriedOver.skippedDocuments
        emptyText =
            isEmpty && skipped > 0
            ? "Nothing new: the \(Self.count(skipped, "article", "articles")) in the input "
                + (skipped == 1 ? "was" : "were all") + " in earlier digests."
            : "No articles today."
        stillOpen = isEmpty ? digest.carriedOver.openStories.map(OpenStoryView.init) : []
        hasStillOpen = !stillOpen.isEmpty
    }

    static func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }

    /// Only web addresses become links: never `javascript:` or a file path.
    static func webURL(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespaces),
            url.hasPrefix("http://") || url.hasPrefix("https://"),
            !url.contains(where: { $0.isWhitespace || $0.isNewline })
        else { return nil }
        return url
    }
}

/// One story of the digest.
struct StoryView {
    let number: Int
    let id: String
    /// An HTML id for linking to the story: `story-1`.
    let anchor: String
    let headline: String
    let summary: String?
    /// "20–21 Nov 2026".
    let span: String?
    /// ISO 8601 of the first and last article, for `<time>`; the first falls
    /// back to the last so a span never has an empty `datetime`.
    let firstSeen: String?
    let lastSeen: String?
    /// "2 articles".
    let sizeText: String
    let hasOutlets: Bool
    let outlets: [LinkView]
    let hasChips: Bool
    let chips: [ChipGroup]
    let articles: [ArticleView]
    let keywords: [String]

    init(digest: Digest, story: Story, number: Int, chips: Int) {
        let members = digest.members(of: story)
        self.number = number
        id = story.id
        anchor = "story-\(number)"
        headline = story.headline ?? story.id
        summary = story.summary.flatMap { $0.isEmpty ? nil : $0 }
        span = DateText.span(story.firstSeen, story.lastSeen)
        firstSeen = (story.firstSeen ?? story.lastSeen).map(Timestamp.iso8601)
        lastSeen = story.lastSeen.map(Timestamp.iso8601)
        sizeText = Self.size(of: story, count: members.count)
        outlets = story.outlets.map { name in
            LinkView(
                text: name,
                url: DigestView.webURL(members.first { $0.site == name && DigestView.webURL($0.url) != nil }?.url))
        }
        hasOutlets = !outlets.isEmpty
        self.chips = ChipGroup.groups(story.entities, limit: chips)
        hasChips = !self.chips.isEmpty
        articles = members.map { ArticleView($0, chips: chips, excerpt: false) }
        keywords = story.keywords.map(\.term).reduce(into: [String]()) { terms, term in
            if !terms.contains(term) { terms.append(term) }
        }
    }
}

extension StoryView {
    /// "2 articles"; for a story continued from earlier days (with a state
    /// store), "continuing, day 2 · 2 new articles (5 earlier)".
    static func size(of story: Story, count: Int) -> String {
        guard let continuation = story.continuation else {
            return DigestView.count(count, "article", "articles")
        }
        var text = "continuing, day \(continuation.day) · " + DigestView.count(count, "new article", "new articles")
        if continuation.earlierArticles > 0 { text += " (\(continuation.earlierArticles) earlier)" }
        return text
    }
}

/// A story from an earlier day that nothing joined today: its headline and where it stands.
struct OpenStoryView {
    let headline: String
    /// "19–20 Nov 2026 · 5 articles".
    let status: String

    init(_ story: Story) {
        headline = story.headline ?? story.id
        status =
            ([DateText.span(story.firstSeen, story.lastSeen)]
            + [DigestView.count(story.members.count, "article", "articles")]).compactMap { $0 }.joined(separator: " · ")
    }
}

/// One article: in a story's list, or on its own below the stories.
struct ArticleView {
    let id: String
    let title: String
    /// Set only for http(s) addresses.
    let url: String?
    let site: String?
    let author: String?
    /// ISO 8601, for `<time>`.
    let published: String?
    /// "20 Nov 2026".
    let day: String?
    /// "Harbor Ledger · by Ana Ruiz · 20 Nov 2026".
    let byline: String?
    /// The summary, or the first paragraph shortened; only for articles shown on their own.
    let excerpt: String?
    let hasMentions: Bool
    /// People, organisations and places, most mentioned first.
    let mentions: [String]

    init(_ document: Document, chips: Int, excerpt wantsExcerpt: Bool) {
        id = document.id
        title = document.title.flatMap { $0.isEmpty ? nil : $0 } ?? document.id
        url = DigestView.webURL(document.url)
        site = document.site
        author = document.author
        published = document.published.map(Timestamp.iso8601)
        day = document.published.map(DateText.day)
        let parts = [document.site, document.author.map { "by \($0)" }, day].compactMap { $0 }
        byline = parts.isEmpty ? nil : parts.joined(separator: " · ")
        excerpt =
            wantsExcerpt ? (document.summary ?? document.text.first).map { ArticleView.shorten($0, to: 280) } : nil
        mentions = wantsExcerpt ? Array(document.entities.filter { $0.type != .misc }.prefix(chips).map(\.text)) : []
        hasMentions = !mentions.isEmpty
    }

    /// `text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut.
    static func shorten(_ text: String, to limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        let cut = flat.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}

/// A text with an optional web address.
struct LinkView {
    let text: String
    let url: String?
}

/// The names of one kind of entity, shown as chips: "People: Ana Ruiz, …".
struct ChipGroup {
    /// `person`, `organization` or `location`: a CSS class.
    let kind: String
    let label: String
    let names: [String]

    /// People, organisations and places (misc is left out), `limit` of each, in the order given.
    static func groups(_ entities: [Entity], limit: Int) -> [ChipGroup] {
        [(Entity.Kind.person, "People"), (.organization, "Organisations"), (.location, "Places")].compactMap {
            kind, label in
            var seen = Set<String>()
            let names = entities.filter { $0.type == kind && seen.insert($0.text).inserted }.prefix(limit).map(\.text)
            return names.isEmpty ? nil : ChipGroup(kind: kind.rawValue, label: label, names: Array(names))
        }
    }
}
