import Foundation
import PipelineKit

/// The day's stories as an Atom feed (RFC 4287), so a feed reader can
/// subscribe to the digest.
///
/// Each story is an entry whose id stays the same while the story does
/// (`<feed id>/story/<story id>`), so a story that grows on a later day
/// updates its entry instead of adding one. Times come from the articles, not
/// the clock: the same input gives the same feed.
struct AtomFeed {
    let digest: Digest
    let view: DigestView
    /// Where the feed will be published; its `self` link and id.
    let feedURL: String?

    /// The feed's permanent id: `feedURL`, else a tag URI from the pipeline name.
    var feedID: String {
        feedURL ?? "tag:pipe,2025:feed/" + Self.percentEncoded(digest.pipeline)
    }

    func render() -> String {
        let runDay = Timestamp.parse(digest.date) ?? Date(timeIntervalSince1970: 0)
        let entries = zip(digest.stories, view.stories).map { story, storyView in
            (story, storyView, Self.updated(story, fallback: runDay))
        }
        let updated = entries.map(\.2).max() ?? runDay
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
              <id>\(Self.escape(feedID))</id>
              <title>\(Self.escape(view.title))</title>
              <subtitle>\(Self.escape("\(view.dateText): \(view.countsText)"))</subtitle>
              <updated>\(Timestamp.iso8601(updated))</updated>
              <author><name>\(Self.escape(view.title))</name></author>
              <generator>pipe</generator>

            """
        if let feedURL {
            out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.escape(feedURL))\"/>\n"
        }
        for (story, storyView, entryUpdated) in entries {
            out += entry(story, storyView, updated: entryUpdated)
        }
        return out + "</feed>\n"
    }

    private func entry(_ story: Story, _ view: StoryView, updated: Date) -> String {
        var out = "  <entry>\n"
        out += "    <id>\(Self.escape(feedID + "/story/" + Self.percentEncoded(story.id)))</id>\n"
        out += "    <title>\(Self.escape(view.headline))</title>\n"
        if let first = story.firstSeen, first <= updated {
            out += "    <published>\(Timestamp.iso8601(first))</published>\n"
        }
        out += "    <updated>\(Timestamp.iso8601(updated))</updated>\n"
        var linked = Set<String>()
        for article in view.articles {
            guard let url = article.url, linked.insert(url).inserted else { continue }
            let rel = linked.count == 1 ? "alternate" : "related"
            let title = [article.site, article.title].compactMap { $0 }.joined(separator: ": ")
            out +=
                "    <link rel=\"\(rel)\" type=\"text/html\" href=\"\(Self.escape(url))\" title=\"\(Self.escape(title))\"/>\n"
        }
        for group in view.chips {
            for name in group.names {
                out +=
                    "    <category term=\"\(Self.escape(name))\" label=\"\(Self.escape("\(name) (\(group.kind))"))\"/>\n"
            }
        }
        if let summary = view.summary {
            out += "    <summary>\(Self.escape(summary))</summary>\n"
        }
        out += "    <content type=\"html\">\(Self.escape(contentHTML(view)))</content>\n"
        return out + "  </entry>\n"
    }

    /// The entry's body: summary, span, outlets, then the articles as links.
    private func contentHTML(_ view: StoryView) -> String {
        var html = ""
        if let summary = view.summary { html += "<p>\(Self.escape(summary))</p>" }
        html +=
            "<p>" + Self.escape(([view.span, view.sizeText] as [String?]).compactMap { $0 }.joined(separator: " · "))
            + "</p>"
        html += "<ul>"
        for article in view.articles {
            let title = Self.escape(article.title)
            html += "<li>" + (article.url.map { "<a href=\"\(Self.escape($0))\">\(title)</a>" } ?? title)
            if let byline = article.byline { html += " — " + Self.escape(byline) }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// The newest time known of the story: its last article, its first, else the run day.
    static func updated(_ story: Story, fallback: Date) -> Date {
        [story.lastSeen, story.firstSeen].compactMap { $0 }.max() ?? fallback
    }

    /// Text escaped for XML content and attribute values; characters XML 1.0
    /// forbids (C0 controls other than tab, LF, CR) and those it discourages
    /// (DEL, C1 controls) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where ControlCharacters.isControl(scalar) || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An id part safe in a URI: unreserved characters kept, the rest percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
