import PipeSupport
import Testing
import TextKit

@Suite("Stemmer")
struct StemmerTests {
    // Pairs worked out by hand from the rules of Porter (1980), step by step.
    @Test(
        "step 1 plurals and -ed/-ing",
        arguments: [
            ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"), ("cats", "cat"),
            ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"),
            ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"),
            ("sized", "size"), ("hopping", "hop"), ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"),
            ("fizzed", "fizz"), ("failing", "fail"), ("filing", "file"), ("happy", "happi"), ("sky", "sky"),
        ])
    func step1(word: String, stem: String) {
        #expect(Stemmer.stem(word) == stem)
    }

    @Test(
        "steps 2 to 5 suffixes",
        arguments: [
            ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"), ("valenci", "valenc"),
            ("digitizer", "digit"), ("conformabli", "conform"), ("radicalli", "radic"),
            ("differentli", "differ"), ("vileli", "vile"), ("analogousli", "analog"),
            ("vietnamization", "vietnam"), ("predication", "predic"), ("operator", "oper"),
            ("feudalism", "feudal"), ("decisiveness", "decis"), ("hopefulness", "hope"),
            ("callousness", "callous"), ("formaliti", "formal"), ("sensitiviti", "sensit"),
            ("sensibiliti", "sensibl"), ("triplicate", "triplic"), ("formative", "form"),
            ("formalize", "formal"), ("electriciti", "electr"), ("electrical", "electr"), ("hopeful", "hope"),
            ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"),
            ("airliner", "airlin"), ("adjustable", "adjust"), ("defensible", "defens"), ("irritant", "irrit"),
            ("replacement", "replac"), ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"),
            ("communism", "commun"), ("activate", "activ"), ("angulariti", "angular"), ("homologous", "homolog"),
            ("effective", "effect"), ("bowdlerize", "bowdler"), ("probate", "probat"), ("rate", "rate"),
            ("cease", "ceas"), ("controll", "control"), ("roll", "roll"), ("generalizations", "gener"),
            ("oscillators", "oscil"),
        ])
    func laterSteps(word: String, stem: String) {
        #expect(Stemmer.stem(word) == stem)
    }

    @Test("-ion is removed only after s or t")
    func ion() {
        #expect(Stemmer.stem("adoption") == "adopt")
        #expect(Stemmer.stem("opinion") == "opinion")
    }

    @Test("variants of a word share a stem")
    func variants() {
        let stems = Set(["export", "exports", "exported", "exporting"].map(Stemmer.stem))
        #expect(stems == ["export"])
        #expect(Stemmer.stem("controls") == Stemmer.stem("control"))
    }

    @Test("short words and words with non a-z letters come back unchanged")
    func unchanged() {
        #expect(Stemmer.stem("is") == "is")
        #expect(Stemmer.stem("as") == "as")
        #expect(Stemmer.stem("cafés") == "cafés")
        #expect(Stemmer.stem("covid-19") == "covid-19")
        #expect(Stemmer.stem("don't") == "don't")
    }

    @Test("remembered stems are the stems: asked again, on many threads at once, the answers do not change")
    func remembered() {
        let pairs = [
            ("relational", "relat"), ("hopping", "hop"), ("ponies", "poni"), ("generalizations", "gener"),
            ("sky", "sky"), ("cafés", "cafés"), ("troubled", "troubl"), ("digitizer", "digit"),
        ]
        for _ in 0..<3 {
            for (word, stem) in pairs { #expect(Stemmer.stem(word) == stem) }
        }
        // Every thread keeps its own memory; all must agree with the hand-worked stems.
        let answers = Parallel.map(400) { index in
            let (word, stem) = pairs[index % pairs.count]
            return Stemmer.stem(word) == stem
        }
        #expect(answers.allSatisfy { $0 })
        // By bytes: the same stems, for remembered words and for words not seen before.
        for (word, stem) in pairs + [("reconnecting", "reconnect"), ("agreed", "agre")] {
            var bytes = word
            #expect(bytes.withUTF8 { Stemmer.stem(utf8: $0) } == stem, "\(word)")
        }
    }
}
