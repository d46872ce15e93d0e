import Foundation
import PipelineKit

/// The digest as Markdown, in the HTML digest's structure: a header with the
/// date and counts; the stories (headline, time span and size, summary,
/// outlets with links, people/organisations/places, the articles); then the
/// articles in no story.
struct MarkdownDigest {
    let view: DigestView

    func render() -> String {
        var out = "# \(escape(view.title)) — \(view.dateText)\n\n\(view.countsText)\n\n"
        if view.hasStories {
            out += "## Stories\n\n"
            for story in view.stories { out += renderStory(story) }
        }
        if view.hasOthers {
            out += "## \(view.othersHeading)\n\n"
            for article in view.others { out += renderArticle(article) }
        }
        if view.isEmpty { out += "_\(escape(view.emptyText))_\n" }
        if view.hasStillOpen {
            out += "\n## Still open\n\n"
            for story in view.stillOpen { out += "- **\(escape(story.headline))** — \(escape(story.status))\n" }
        }
        return out
    }

    private func renderStory(_ story: StoryView) -> String {
        var out = "### \(story.number). \(escape(story.headline))\n\n"
        out += "_\(([story.span, story.sizeText] as [String?]).compactMap { $0 }.joined(separator: " · "))_\n\n"
        if let summary = story.summary { out += escape(summary) + "\n\n" }
        if story.hasOutlets {
            out += "**Outlets:** " + story.outlets.map { link($0.text, $0.url) }.joined(separator: ", ") + "\n\n"
        }
        if story.hasChips {
            out += story.chips.map { "**\($0.label):** " + $0.names.map(escape).joined(separator: ", ") }.joined(
                separator: " · ")
            out += "\n\n"
        }
        for article in story.articles {
            out += "- " + link(article.title, article.url) + (article.byline.map { " — " + escape($0) } ?? "") + "\n"
        }
        return out + "\n"
    }

    private func renderArticle(_ article: ArticleView) -> String {
        var out = "### \(link(article.title, article.url))\n\n"
        if let byline = article.byline { out += "_\(escape(byline))_\n\n" }
        if let excerpt = article.excerpt { out += escape(excerpt) + "\n\n" }
        if article.hasMentions { out += "**Mentions:** \(article.mentions.map(escape).joined(separator: ", "))\n\n" }
        return out
    }

    private func link(_ text: String, _ url: String?) -> String {
        guard let url else { return escape(text) }
        let safe = ControlCharacters.stripped(url).replacingOccurrences(of: "(", with: "%28").replacingOccurrences(
            of: ")", with: "%29"
        )
        .replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
        return "[\(escape(text))](\(safe))"
    }

    /// Escapes what Markdown would otherwise read as markup or raw HTML,
    /// including a start that would open a list or a quote ("- ", "+ ", "1. "),
    /// and drops control characters (NUL, BEL, ESC, …; line breaks become spaces).
    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        let chars = Array(text)
        var leadingDigits = true
        for (offset, char) in chars.enumerated() {
            let nextIsSpace = offset + 1 == chars.count || chars[offset + 1] == " "
            if offset == 0, char == "-" || char == "+", nextIsSpace {
                out += "\\\(char)"
                continue
            }
            if leadingDigits, char == "." || char == ")", offset > 0, nextIsSpace {
                out += "\\\(char)"
                leadingDigits = false
                continue
            }
            leadingDigits = leadingDigits && char.isASCII && char.isNumber
            switch char {
            case "\\", "`", "*", "_", "[", "]", "#", "|": out += "\\\(char)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // Only where it could start an entity ("&amp;", "&#38;"): "Signal & Circuit" stays readable.
            case "&" where offset + 1 < chars.count && (chars[offset + 1].isLetter || chars[offset + 1] == "#"):
                out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            case _ where char.unicodeScalars.count == 1 && ControlCharacters.isControl(char.unicodeScalars.first!):
                continue
            default: out.append(char)
            }
        }
        return out
    }
}
