import Foundation
import PipelineKit

/// The digest as Markdown: a header with counts, the stories (headline,
/// outlets and time span, summary, key people/organisations/places, the
/// articles), then the articles in no story.
struct MarkdownDigest {
    let digest: Digest

    func render() -> String {
        var out = "# \(escape(digest.pipeline)) — \(digest.date)\n\n"
        let outlets = Set(digest.documents.compactMap(\.site)).count
        out += "\(count(digest.stories.count, "story", "stories")) · \(count(digest.documents.count, "article", "articles"))"
        out += outlets > 0 ? " from \(count(outlets, "outlet", "outlets"))\n\n" : "\n\n"
        if !digest.stories.isEmpty {
            out += "## Stories\n\n"
            for (number, story) in digest.stories.enumerated() {
                out += renderStory(story, number: number + 1)
            }
        }
        if !digest.unclustered.isEmpty {
            out += digest.stories.isEmpty ? "## Articles\n\n" : "## Other articles\n\n"
            for document in digest.unclustered {
                out += renderArticle(document)
            }
        }
        if digest.documents.isEmpty {
            out += "_No articles today._\n"
        }
        return out
    }

    private func renderStory(_ story: Story, number: Int) -> String {
        let members = digest.members(of: story)
        let headline = story.headline ?? members.first?.title ?? story.id
        var out = "### \(number). \(escape(headline))\n\n"
        var facts: [String] = []
        if !story.outlets.isEmpty { facts.append(story.outlets.map(escape).joined(separator: ", ")) }
        if let span = span(story.firstSeen, story.lastSeen) { facts.append(span) }
        facts.append(count(members.count, "article", "articles"))
        out += "_\(facts.joined(separator: " · "))_\n\n"
        if let summary = story.summary, !summary.isEmpty { out += escape(summary) + "\n\n" }
        let entities = digest.entities(of: story)
        var chips: [String] = []
        for (kind, label) in [(Entity.Kind.person, "People"), (.organization, "Organisations"), (.location, "Places")] {
            let names = entities.filter { $0.type == kind }.prefix(6).map { escape($0.text) }
            if !names.isEmpty { chips.append("**\(label):** \(names.joined(separator: ", "))") }
        }
        if !chips.isEmpty { out += chips.joined(separator: " · ") + "\n\n" }
        for document in members {
            out += "- " + link(document) + byline(document).map { " — \($0)" }.orEmpty + "\n"
        }
        return out + "\n"
    }

    private func renderArticle(_ document: Document) -> String {
        var out = "### \(link(document))\n\n"
        if let byline = byline(document) { out += "_\(byline)_\n\n" }
        if let summary = document.summary ?? document.text.first {
            out += escape(summary) + "\n\n"
        }
        let people = document.entities.filter { $0.type != .misc }.prefix(6).map { escape($0.text) }
        if !people.isEmpty { out += "**Mentions:** \(people.joined(separator: ", "))\n\n" }
        return out
    }

    private func link(_ document: Document) -> String {
        let title = escape(document.title ?? document.id)
        guard let url = document.url, url.hasPrefix("http://") || url.hasPrefix("https://") else { return title }
        let safe = url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")
        return "[\(title)](\(safe))"
    }

    private func byline(_ document: Document) -> String? {
        let parts = [document.site, document.author.map { "by \($0)" }, document.published.map(Timestamp.day)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.map(escape).joined(separator: ", ")
    }

    private func span(_ first: Date?, _ last: Date?) -> String? {
        guard let first else { return last.map(Timestamp.day) }
        guard let last, Timestamp.day(last) != Timestamp.day(first) else { return Timestamp.day(first) }
        return "\(Timestamp.day(first)) – \(Timestamp.day(last))"
    }

    private func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }

    /// Escapes what Markdown would otherwise read as markup or raw HTML.
    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for char in text {
            switch char {
            case "\\", "`", "*", "_", "[", "]", "#", "|": out += "\\\(char)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += " "
            default: out.append(char)
            }
        }
        return out
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
