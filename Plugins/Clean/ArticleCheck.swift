import TextKit

/// Whether what clean read from a page is an article at all, so that a page is set aside for
/// having none (an error page, an index of teasers, a video page with a caption) and not for
/// being short: a two-sentence brief is an article, a page of headlines is not.
enum ArticleCheck {
    /// Why `paragraphs` hold no article, or nil when they hold one. `titles` are the page's
    /// titles (the headline, the `<title>` element).
    static func missing(_ paragraphs: [Paragraph], titles: [String]) -> String? {
        guard !paragraphs.isEmpty else { return "no text" }
        var proseWords = 0
        for paragraph in paragraphs where isProse(paragraph) { proseWords += paragraph.wordCount }
        if proseWords < 100, let title = titles.first(where: isErrorTitle) {
            return "an error page (\"\(title)\")"
        }
        if proseWords < 100, let heading = paragraphs.first(where: \.isHeading), isErrorTitle(heading.text) {
            return "an error page (\"\(heading.text)\")"
        }
        guard proseWords > 0 else { return "only headings, links and short lines (an index, video or gallery page)" }
        return nil
    }

    /// A paragraph that says something in sentences: not a heading, at least a line's worth of
    /// characters (counted in scalars, so text written without spaces counts too), and a
    /// sentence end in it.
    static func isProse(_ paragraph: Paragraph) -> Bool {
        if paragraph.isHeading { return false }
        var text = paragraph.text
        return text.withUTF8 { bytes in
            guard UTF8Scalars.count(bytes) >= 60 else { return false }
            return endsASentence(bytes)
        }
    }

    /// A full stop, question or exclamation mark (ASCII, or the CJK and Devanagari ones) that is
    /// followed by a space, a closing quote or bracket, or the end of the text.
    private static func endsASentence(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                let next = index + 1 < count ? bytes[index + 1] : 0x20
                if next == 0x20 || next == 0x22 || next == 0x27 || next == 0x29 || next == 0xE2 { return true }
            } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x82 {
                return true  // 。
            } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC,
                bytes[index + 2] == 0x81 || bytes[index + 2] == 0x9F
            {
                return true  // ！ ？
            } else if byte == 0xE0, index + 2 < count, bytes[index + 1] == 0xA5, bytes[index + 2] == 0xA4 {
                return true  // ।
            }
            index += 1
        }
        return false
    }

    /// A title or heading that says the page is an error: "Page not found", "404", "Error 404 –
    /// Site", "This page doesn't exist".
    static func isErrorTitle(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.count > 120 { return false }
        if errorPhrases.contains(where: { lower.contains($0) }) { return true }
        // "404" standing alone as a word, not inside a number.
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.contains("404") || words.contains("410")
    }

    static let errorPhrases = [
        "page not found", "not found", "page cannot be found", "page can't be found", "page could not be found",
        "page doesn't exist", "page does not exist", "no longer available", "page is unavailable", "access denied",
        "página no encontrada", "page introuvable", "seite nicht gefunden", "pagina non trovata",
        "página não encontrada",
    ]
}
