import Foundation
import HTML
import PipelineKit
import TextKit

/// Turns a raw page into the article: its paragraphs and the page's metadata.
public struct CleanStage: DocumentStage {
    public static let name = "clean"
    public static let abstract = "Main text and metadata out of scraped pages; boilerplate out."
    public static let discussion = """
        Reads each document's raw content (HTML, or a plain-text page dump) and keeps the article's \
        paragraphs: navigation, share bars, related-story lists, adverts, cookie notices, disclaimers and \
        copyright lines go. Fills title, author, published, site, url (canonical) and language from the page. \
        A page with no article (no text, only headings, links and short lines, or an error page) is set aside \
        as "no article: …"; a short article is kept. With `min_text_length` set, documents with fewer characters \
        are dropped first, as "too little text".
        """
    public static let contract = StageContract(requires: [.raw], produces: [.text, .title, .metadata])

    public struct Options: StageOptions {
        public var minTextLength = 0
        public var minParagraphWords = 1
        public var keepHeadings = true
        public var keepLists = true
        public var dropPatterns: [String] = []
        public var keepRaw = false
        public var timeLimit = 5.0

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init(
                "min_text_length", \.minTextLength, range: 0...1_000_000,
                help:
                    "Documents whose clean text has fewer characters are dropped as \"too little text\" (0: off; pages without an article are set aside whatever this says)."
            ),
            .init(
                "min_paragraph_words", \.minParagraphWords, range: 1...100,
                help: "Paragraphs with fewer words are dropped unless they are headings."),
            .init("keep_headings", \.keepHeadings, help: "Keep headings that belong to the article."),
            .init("keep_lists", \.keepLists, help: "Keep list items that belong to the article."),
            .init(
                "drop_patterns", \.dropPatterns, help: "Extra regular expressions; matching paragraphs are dropped.",
                check: { patterns in
                    for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
                        return "`\(pattern)` is not a valid regular expression"
                    }
                    return nil
                }),
            .init("keep_raw", \.keepRaw, help: "Keep the raw page on the document after cleaning (uses memory)."),
            .init(
                "time_limit", \.timeLimit, range: 0.01...600,
                help:
                    "Seconds one page may take; a page still being cleaned after that is set aside (checked between steps)."
            ),
        ]
    }

    let options: Options
    let filter: ParagraphFilter

    public init(options: Options, context: StageSetup) throws {
        self.options = options
        self.filter = ParagraphFilter(
            keepHeadings: options.keepHeadings, keepLists: options.keepLists,
            minParagraphWords: options.minParagraphWords,
            dropPatterns: try options.dropPatterns.map { try NSRegularExpression(pattern: $0) })
    }

    /// Thrown between steps when a page has used up `time_limit`.
    struct TimeLimitExceeded: Error {
        let step: String
    }

    public func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        let raw = document.raw ?? ""
        var paragraphs: [Paragraph]
        var titles: [String] = []
        let deadline = ContinuousClock.now + .milliseconds(Int(options.timeLimit * 1000))
        do {
            if document.mediaType == .html || (document.mediaType != .markdown && Self.looksLikeHTML(raw)) {
                paragraphs = try cleanHTML(raw, into: &document, titles: &titles, deadline: deadline)
            } else {
                paragraphs = cleanText(raw, into: &document)
            }
        } catch let error as TimeLimitExceeded {
            if !options.keepRaw { document.raw = nil }
            return .drop(reason: "time limit: still \(error.step) after \(options.timeLimit) s")
        }
        let texts = paragraphs.map(\.text)
        if document.language == nil {
            document.language = LanguageDetector.detect(texts)
        }
        document.text = texts
        if !options.keepRaw { document.raw = nil }
        // A minimum the user set is theirs to keep, and is asked first.
        if let length = Self.length(of: texts, below: options.minTextLength) {
            return .drop(reason: "too little text (\(length) characters; min_text_length is \(options.minTextLength))")
        }
        if let title = document.title { titles.insert(title, at: 0) }
        if let missing = ArticleCheck.missing(paragraphs, titles: titles) {
            return .drop(reason: "no article: \(missing)")
        }
        return .keep
    }

    /// The paragraphs' length in characters when it is below `limit`; nil otherwise. Counting
    /// characters walks grapheme clusters, so it stops as soon as the limit is reached.
    static func length(of paragraphs: [String], below limit: Int) -> Int? {
        var length = 0
        for paragraph in paragraphs {
            if length >= limit { return nil }
            length += paragraph.count
        }
        return length < limit ? length : nil
    }

    /// Whether a text document is really an HTML page (a `.txt` saved from a browser).
    static func looksLikeHTML(_ raw: String) -> Bool {
        let head = raw.utf8.prefix(1024)
        let text = String(decoding: head, as: UTF8.self).lowercased()
        return text.contains("<html") || text.contains("<!doctype html")
            || (text.contains("<body") && text.contains("<p"))
    }

    /// The article's paragraphs; `titles` receives the page's `<title>` element for the no-article check.
    func cleanHTML(
        _ raw: String, into document: inout Document, titles: inout [String], deadline: ContinuousClock.Instant
    ) throws -> [Paragraph] {
        func check(_ step: String) throws {
            if ContinuousClock.now > deadline { throw TimeLimitExceeded(step: step) }
        }
        let page = HTMLDocument(
            parsing: raw, skippingScripts: true, droppingBlankText: true,
            attributes: PageTree.attributesRead, shorteningBlanks: true)
        try check("parsing")
        let tree = PageTree(document: page)
        try check("reading the page")
        let metadata = PageMetadata(page: page, tree: tree, url: document.url)
        metadata.apply(to: &document)
        if let titleTag = metadata.titleTag { titles.append(titleTag) }
        let extractor = HTMLExtractor(
            tree: tree, settings: .init(keepHeadings: options.keepHeadings, keepLists: options.keepLists))
        try check("scoring")
        var paragraphs = filter.apply(extractor.paragraphs(), title: metadata.title)
        var length = paragraphs.reduce(0) { $0 + UTF8Scalars.count($1.text) }
        // Fallbacks when the container holds too little: the structured
        // data's article body, else every paragraph outside furniture.
        if let body = metadata.articleBody, UTF8Scalars.count(body) > 2 * length + 200 {
            paragraphs = TextPageExtractor.splitParagraphs(TextPageExtractor.separatingGluedSentences(body))
                .map { Paragraph(text: $0, kind: .paragraph) }
            length = UTF8Scalars.count(body)
        }
        if length < 250 {
            let everything = filter.apply(extractor.allParagraphs(), title: metadata.title)
                .filter { $0.wordCount >= 8 || $0.isHeading }
            let total = everything.reduce(0) { $0 + UTF8Scalars.count($1.text) }
            if total > 2 * length {
                paragraphs = everything
                length = total
            }
        }
        // Still nothing convincing: a second look that trusts only the tags, not the class
        // names, and reads hidden blocks too (site builders call every block of the text a
        // widget or a module; some pages stream the article into a hidden block).
        if length < 250 || ArticleCheck.missing(paragraphs, titles: []) != nil {
            try check("scoring")
            let loose = HTMLExtractor(
                tree: PageTree(document: page, keepingHidden: true),
                settings: .init(keepHeadings: options.keepHeadings, keepLists: options.keepLists, readsNames: false))
            let found = filter.apply(loose.paragraphs(), title: metadata.title)
            let total = found.reduce(0) { $0 + UTF8Scalars.count($1.text) }
            if total > 2 * length { paragraphs = found }
        }
        return paragraphs
    }

    func cleanText(_ raw: String, into document: inout Document) -> [Paragraph] {
        let page = TextPageExtractor.extract(raw)
        if document.title == nil { document.title = page.title }
        if document.published == nil { document.published = page.published }
        if document.site == nil { document.site = page.site }
        var filter = filter
        filter.furniturePhrases = page.isPageDump
        return filter.apply(page.paragraphs, title: nil)
    }
}
