import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Extract

/// Articles we wrote in the style of the seeds, to pin each rule family.
enum Fixture {
    static let chips = [
        "The US-China AI Race Heats Up",
        "Chinese firms such as Alibaba, Tencent and DeepSeek narrowed the gap with OpenAI in 2024, even as U.S. export controls cut their access to Nvidia chips.",
        "Eric Schmidt, the former chief executive of Google, said the United States still led. Schmidt added that the lead was shrinking.",
        "“We underestimated how fast they could move,” said Lennart Heim, a researcher at the RAND Corporation in Washington.",
        "Heim said the controls slowed Beijing but did not stop it. Mr. Heim pointed to TSMC and ASML as the chokepoints.",
        "Shares of Nvidia fell 4.5% on Monday, wiping $12 billion off its value. Analysts at Harbor Capital Partners expect the US to tighten rules again next year.",
    ]

    static func entities(_ paragraphs: [String], variants: Bool = false) -> [String: Entity] {
        let list = EntityRecognizer().entities(in: paragraphs, variants: variants)
        return Dictionary(list.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

@Suite("extract: entities")
struct EntityTests {
    @Test("people, organisations and places from the chips story come out typed")
    func seedLikeTypes() {
        let found = Fixture.entities(Fixture.chips)
        let expected: [(String, Entity.Kind)] = [
            ("Alibaba", .organization), ("Tencent", .organization), ("DeepSeek", .organization),
            ("OpenAI", .organization), ("Nvidia", .organization), ("Google", .organization),
            ("TSMC", .organization), ("ASML", .organization), ("RAND Corporation", .organization),
            ("Eric Schmidt", .person), ("Lennart Heim", .person), ("United States", .location),
            ("Washington", .location), ("Beijing", .location), ("Harbor Capital Partners", .organization),
        ]
        for (name, type) in expected {
            #expect(found[name]?.type == type, "\(name): \(String(describing: found[name]))")
        }
        #expect(found["Chinese"]?.type == .misc)
    }

    @Test("an organisation named once is listed only with a cue beyond its capital letters")
    func weakOrganisations() {
        let found = Fixture.entities([
            "Dock workers met on Tuesday to discuss the Quayside plan, which had been delayed twice.",
            "Engineers from Brandt Maritime Group will fit the cranes before the spring.",
        ])
        #expect(found["Quayside"] == nil)
        #expect(found["Brandt Maritime Group"]?.type == .organization)
    }

    @Test("variants of one name merge and their mentions add up")
    func merging() {
        let found = Fixture.entities(Fixture.chips)
        // "Eric Schmidt" + "Schmidt"; "Lennart Heim" + "Heim" + "Mr. Heim".
        #expect(found["Eric Schmidt"]?.count == 2)
        #expect(found["Lennart Heim"]?.count == 3)
        #expect(found["Schmidt"] == nil && found["Heim"] == nil)
        // "U.S.", "United States" and "US" (the headline is title case and not read for names).
        #expect(found["United States"]?.count == 3)
        #expect(found["U.S."] == nil && found["US"] == nil)
    }

    @Test("with variants, each written form is listed, typed like its merged name")
    func variants() {
        let found = Fixture.entities(Fixture.chips, variants: true)
        #expect(found["Schmidt"]?.type == .person)
        #expect(found["Heim"]?.type == .person)
        #expect(found["U.S."]?.type == .location)
        #expect(found["US"]?.type == .location)
    }

    @Test("titles and roles mark people, and are not part of the name")
    func titles() {
        let found = Fixture.entities([
            "President Amara Okafor met Dr. Tomasz Wren and Sen. Priya Dalal in the capital.",
            "The talks were led by spokeswoman Ines Vartan.",
        ])
        for name in ["Amara Okafor", "Tomasz Wren", "Priya Dalal", "Ines Vartan"] {
            #expect(found[name]?.type == .person, "\(name)")
        }
        #expect(found["President Amara Okafor"] == nil)
    }

    @Test("company and institution words mark organisations, place words mark places")
    func heads() {
        let found = Fixture.entities([
            "Velmora Holdings and the Ministry of Water Resources signed a deal with Kestrel Bank.",
            "The pipeline runs from Lake Orvana along the Sorel River to Tamsin Province.",
        ])
        #expect(found["Velmora Holdings"]?.type == .organization)
        #expect(found["Ministry of Water Resources"]?.type == .organization)
        #expect(found["Kestrel Bank"]?.type == .organization)
        #expect(found["Lake Orvana"]?.type == .location)
        #expect(found["Sorel River"]?.type == .location)
        #expect(found["Tamsin Province"]?.type == .location)
    }

    @Test("capitalized sentence openers and common words are not entities")
    func sentenceStarts() {
        let found = Fixture.entities([
            "However, the plan stalled. Officials blamed the weather. The officials said rain was heavy.",
            "Meanwhile Alibaba raised prices in January.",
        ])
        #expect(found["However"] == nil)
        #expect(found["Officials"] == nil)
        #expect(found["January"] == nil)
        #expect(found["Meanwhile Alibaba"] == nil)
        #expect(found["Alibaba"]?.type == .organization)
    }

    @Test("a possessive splits two names and is dropped from the name")
    func possessives() {
        let found = Fixture.entities(["Uganda's Supreme Court ruled against Tencent's plan."])
        #expect(found["Uganda"]?.type == .location)
        #expect(found["Supreme Court"]?.type == .organization)
        #expect(found["Tencent"]?.type == .organization)
    }

    @Test("entities are ordered by count, then name, and the output is stable")
    func order() {
        let a = EntityRecognizer().entities(in: Fixture.chips)
        let b = EntityRecognizer().entities(in: Fixture.chips)
        #expect(a == b)
        #expect(zip(a, a.dropFirst()).allSatisfy { $0.count > $1.count || ($0.count == $1.count && $0.text <= $1.text) })
    }
}
