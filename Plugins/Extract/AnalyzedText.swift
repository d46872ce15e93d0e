import TextKit

/// A document's paragraphs tokenized once, with their sentence boundaries, for
/// every extractor to share.
public struct AnalyzedText: Sendable {
    public let paragraphs: [String]
    /// The tokens of each paragraph.
    public let tokens: [[Token]]
    /// For each paragraph, its sentences as ranges of token indices.
    public let sentences: [[Range<Int>]]

    public init(_ paragraphs: [String]) {
        self.paragraphs = paragraphs
        var tokens: [[Token]] = []
        var sentences: [[Range<Int>]] = []
        tokens.reserveCapacity(paragraphs.count)
        sentences.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs {
            let paragraphTokens = Tokenizer.tokens(paragraph)
            var ranges: [Range<Int>] = []
            var next = 0
            for sentence in SentenceSplitter.sentences(paragraph) {
                while next < paragraphTokens.count, paragraphTokens[next].range.lowerBound < sentence.startIndex {
                    next += 1
                }
                let start = next
                while next < paragraphTokens.count, paragraphTokens[next].range.lowerBound < sentence.endIndex {
                    next += 1
                }
                if next > start { ranges.append(start..<next) }
            }
            tokens.append(paragraphTokens)
            sentences.append(ranges)
        }
        self.tokens = tokens
        self.sentences = sentences
    }
}
