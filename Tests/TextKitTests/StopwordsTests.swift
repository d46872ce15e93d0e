import Testing
import TextKit

@Suite("Stopwords")
struct StopwordsTests {
    @Test("function words are stopwords, content words are not")
    func english() {
        for word in ["the", "and", "of", "don't", "they're", "would", "however"] {
            #expect(Stopwords.english.contains(word), "\(word)")
        }
        for word in ["chips", "export", "china", "nvidia", "billion", "ai"] {
            #expect(!Stopwords.english.contains(word), "\(word)")
        }
    }

    @Test("every stopword is in the form Tokenizer.words produces")
    func normalized() {
        for word in Stopwords.english {
            #expect(Tokenizer.words(word) == [word], "\(word)")
        }
    }
}
