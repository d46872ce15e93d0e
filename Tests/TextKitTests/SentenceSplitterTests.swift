import Testing
import TextKit

@Suite("SentenceSplitter")
struct SentenceSplitterTests {
    func split(_ text: String) -> [String] { SentenceSplitter.sentences(text).map(String.init) }

    @Test("splits at periods, question and exclamation marks followed by a capital")
    func basic() {
        #expect(
            split("Chips are scarce. Prices rose! Will they fall? Nobody knows.")
                == ["Chips are scarce.", "Prices rose!", "Will they fall?", "Nobody knows."])
    }

    @Test("titles before names never end a sentence")
    func titles() {
        #expect(
            split("Mr. Heim met Dr. Lee and Sen. Warner in St. Louis. They talked.")
                == ["Mr. Heim met Dr. Lee and Sen. Warner in St. Louis.", "They talked."])
    }

    @Test("abbreviations end a sentence only before a capitalized function word")
    func abbreviations() {
        #expect(
            split("Tencent Holdings Ltd. Chief Ma spoke. Shares of Acme Inc. The firm said no.")
                == ["Tencent Holdings Ltd. Chief Ma spoke.", "Shares of Acme Inc.", "The firm said no."])
        #expect(
            split("The U.S. Commerce Department acted. Trade with the U.S. It was new.")
                == ["The U.S. Commerce Department acted.", "Trade with the U.S.", "It was new."])
        #expect(
            split("Output rose on Jan. 9 in the morning, at 10 a.m. Beijing time.")
                == ["Output rose on Jan. 9 in the morning, at 10 a.m. Beijing time."])
    }

    @Test("initials stay inside the name")
    func initials() {
        #expect(
            split("John F. Kennedy and J. K. Rowling were named. Then came Plan B. The end.")
                == ["John F. Kennedy and J. K. Rowling were named.", "Then came Plan B.", "The end."])
    }

    @Test("decimals, versions and dotted acronyms do not split")
    func decimals() {
        #expect(
            split("Revenue grew 3.5% to $1.2 billion. Version 2.0.1 shipped.")
                == ["Revenue grew 3.5% to $1.2 billion.", "Version 2.0.1 shipped."])
        #expect(
            split("It rose 12%. The index fell in 2024. Then it recovered.")
                == ["It rose 12%.", "The index fell in 2024.", "Then it recovered."])
    }

    @Test("ellipses split before a capital but not before lowercase")
    func ellipses() {
        #expect(
            split("He paused... then went on. She waited… Nothing came.")
                == ["He paused... then went on.", "She waited…", "Nothing came."])
    }

    @Test("closing quotes and brackets stay with their sentence")
    func quotes() {
        #expect(
            split("“We are behind,” he said. “Very far behind.” The room was quiet.")
                == ["“We are behind,” he said.", "“Very far behind.”", "The room was quiet."])
        #expect(
            split("\"Stop!\" she shouted. (See the chart.) Prices fell.")
                == ["\"Stop!\" she shouted.", "(See the chart.)", "Prices fell."])
        #expect(split("\"Is it over?\" asked Lee.") == ["\"Is it over?\" asked Lee."])
    }

    @Test("a blank line always ends a sentence, a single newline does not")
    func newlines() {
        #expect(
            split("Export controls tightened\n\nChina responded\nwith new rules.")
                == ["Export controls tightened", "China responded\nwith new rules."])
    }

    @Test("sentences are trimmed, empty text gives none, text without a period is one sentence")
    func edges() {
        #expect(split("").isEmpty)
        #expect(split("   \n\n  ").isEmpty)
        #expect(split("  no final period here  ") == ["no final period here"])
        #expect(split("Done.  ") == ["Done."])
    }

    @Test("strings short enough to live inline split as long ones do")
    func inlineStrings() {
        // Up to 15 UTF-8 bytes a String keeps its bytes inline, not in a buffer of its own.
        #expect(split("Hi. Yo! Ok?") == ["Hi.", "Yo!", "Ok?"])
        #expect(split("A b. C d.") == ["A b.", "C d."])
        #expect(split("Wait… Go.") == ["Wait…", "Go."])
    }

    @Test("curly apostrophes, ellipses and interrobangs among long text are found where they are")
    func multibyteMarks() {
        let clause = "The harbour’s new gate, which the council’s engineers designed, opened on time"
        let text =
            clause + "… " + clause + "‽ " + clause + ". “Quoted,” she said. Then "
            + String(repeating: "word ", count: 300) + "end."
        let sentences = split(text)
        guard sentences.count == 5 else {
            Issue.record("expected 5 sentences, got \(sentences.count)")
            return
        }
        #expect(sentences[0] == clause + "…")
        #expect(sentences[1] == clause + "‽")
        #expect(sentences[2] == clause + ".")
        #expect(sentences[3] == "“Quoted,” she said.")
        #expect(sentences.count == 5 && sentences[4].hasPrefix("Then word") && sentences[4].hasSuffix("word end."))
    }
}
