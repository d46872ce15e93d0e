import Foundation
import PipelineKit

/// Turns a raw page into the article: its paragraphs and the page's metadata.
public struct CleanStage: DocumentStage {
    public static let name = "clean"
    public static let abstract = "Main text and metadata out of scraped pages; boilerplate out."
    public static let discussion = """
        Reads each document's raw content (HTML, or a plain-text page dump) and keeps the article's \
        paragraphs. Documents with less text than `min_text_length` are dropped with the reason "too little text".
        """
    public static let contract = StageContract(requires: [.raw], produces: [.text, .title, .metadata])

    public struct Options: StageOptions {
        public var minTextLength = 200
        public var minParagraphWords = 1
        public var keepHeadings = true
        public var keepLists = true
        public var dropPatterns: [String] = []
        public var keepRaw = false

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init("min_text_length", \.minTextLength, range: 0...1_000_000,
                  help: "Documents whose clean text has fewer characters are dropped as \"too little text\"."),
            .init("min_paragraph_words", \.minParagraphWords, range: 1...100,
                  help: "Paragraphs with fewer words are dropped unless they are headings.", implemented: false),
            .init("keep_headings", \.keepHeadings, help: "Keep headings that belong to the article.", implemented: false),
            .init("keep_lists", \.keepLists, help: "Keep list items that belong to the article.", implemented: false),
            .init("drop_patterns", \.dropPatterns, help: "Extra regular expressions; matching paragraphs are dropped.",
                  check: { patterns in
                      for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
                          return "`\(pattern)` is not a valid regular expression"
                      }
                      return nil
                  }),
            .init("keep_raw", \.keepRaw, help: "Keep the raw page on the document after cleaning (uses memory)."),
        ]
    }

    let options: Options
    let dropPatterns: [NSRegularExpression]

    public init(options: Options, context: StageSetup) throws {
        self.options = options
        self.dropPatterns = try options.dropPatterns.map { try NSRegularExpression(pattern: $0) }
    }

    public func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        let raw = document.raw ?? ""
        var paragraphs = document.mediaType == .html ? PlainExtraction.paragraphs(fromHTML: raw) : PlainExtraction.paragraphs(fromText: raw)
        if !dropPatterns.isEmpty {
            paragraphs.removeAll { paragraph in
                let range = NSRange(paragraph.startIndex..., in: paragraph)
                return dropPatterns.contains { $0.firstMatch(in: paragraph, range: range) != nil }
            }
        }
        document.text = paragraphs
        if !options.keepRaw { document.raw = nil }
        let length = paragraphs.reduce(0) { $0 + $1.count }
        if length < options.minTextLength {
            return .drop(reason: "too little text (\(length) characters; min_text_length is \(options.minTextLength))")
        }
        return .keep
    }
}
