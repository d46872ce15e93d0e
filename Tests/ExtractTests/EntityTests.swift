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
        #expect(
            zip(a, a.dropFirst()).allSatisfy { $0.count > $1.count || ($0.count == $1.count && $0.text <= $1.text) })
    }
}

@Suite("extract: names of places, events, unions and firms in local news")
struct LocalNewsEntityTests {
    static let flood = [
        "HOLLOWAY, Westmark, Nov 20 (Tamsin Wire) - The River Orran broke its banks in the town of Holloway on Thursday after Storm Petra dropped a month of rain in a day.",
        "Water from Breck Reservoir reached Quarry Lane and Tanner Row by midnight, and Holloway's schools stayed shut.",
        "Members of the Boatmen and Dock Workers' Union helped to move 300 people, said Corin Vale, who chairs the union in Holloway.",
        "Loss adjusters Pellman & Royce said claims could top $20 million, and the Harrow chip plant upstream was spared.",
        "Westmark's transport minister, Ada Kessler, visited Holloway on Friday.",
    ]

    @Test("river, reservoir and street names are places even when a given name is in them")
    func geographicNames() {
        let found = Fixture.entities(Self.flood)
        for name in ["River Orran", "Breck Reservoir", "Quarry Lane", "Tanner Row"] {
            #expect(found[name]?.type == .location, "\(name): \(String(describing: found[name]))")
        }
    }

    @Test("a named storm is an event, a dateline is the place the text names")
    func stormAndDateline() {
        let found = Fixture.entities(Self.flood)
        #expect(found["Storm Petra"]?.type == .misc)
        // "HOLLOWAY," opens the wire copy: one place with the body's "Holloway" mentions.
        #expect(found["Holloway"]?.type == .location)
        #expect(found["HOLLOWAY"] == nil)
        #expect((found["Holloway"]?.count ?? 0) >= 4)
    }

    @Test("a union whose name holds 'and' and a plural possessive is one organisation")
    func unionName() {
        let found = Fixture.entities(Self.flood)
        #expect(found["Boatmen and Dock Workers' Union"]?.type == .organization)
        #expect(found["Boatmen"] == nil)
    }

    @Test("partner firms, products and countries by what they have")
    func firmsProductsCountries() {
        let found = Fixture.entities(Self.flood)
        #expect(found["Pellman & Royce"]?.type == .organization)
        #expect(found["Harrow"]?.type == .misc)
        #expect(found["Westmark"]?.type == .location)
        #expect(found["Ada Kessler"]?.type == .person)
        #expect(found["Corin Vale"]?.type == .person)
    }

    @Test("a town keeps its own name apart from the club named after it")
    func townAndClub() {
        let found = Fixture.entities([
            "Fans gathered in Dunmere on Saturday before the match.",
            "Dunmere Rovers lost 3-0, and the mood in Dunmere was grim, the club's supporters said.",
        ])
        #expect(found["Dunmere"]?.type == .location)
        #expect(found["Dunmere Rovers"]?.type == .organization)
    }

    @Test("suffixes and dashes found on bytes agree with Characters")
    func byteSuffixesAndDashes() {
        // A prepended mark (U+0600) takes the next character into its own Character; a combining
        // accent (U+0301) after the last "s" or "-" makes them other Characters.
        let words = [
            "Schmidt's", "Workers’s", "s", "'s", "", "Xs", "\u{600}'s", "\u{600}s", "Ames\u{301}", "Café's",
            "news'", "running", "based", "US-led", "Al-Sabah-ed", "Kim-\u{301}Jong", "-", "é-x", "Vice-President",
        ]
        for word in words {
            for suffix in ["'s", "’s", "s", "'", "’", "ing", "ed", "ians", "an"] {
                #expect(EntityRecognizer.hasSuffix(word, suffix) == word.hasSuffix(suffix), "\(word) \(suffix)")
            }
            #expect(EntityRecognizer.dash(in: word, last: false) == word.firstIndex(of: "-"), "\(word)")
            #expect(EntityRecognizer.dash(in: word, last: true) == word.lastIndex(of: "-"), "\(word)")
        }
        for text in ["Eric  Schmidt", "Eric Schmidt", " ", "  ", "a \u{a0} b", "a \u{301} b", "x  "] {
            #expect(!EntityRecognizer.hasDoubleSpace(text[...]) ? !text.contains("  ") : true, "\(text)")
        }
        #expect(
            EntityRecognizer.hasDoubleSpace("Eric  Schmidt"[...])
                && !EntityRecognizer.hasDoubleSpace("Eric Schmidt"[...]))
    }

    @Test("a name's words split on bytes are the words split on Characters")
    func nameWords() {
        for name in ["Eric Schmidt", "Bank of Uganda", " Lead  and trail ", "", " ", "Café Noir", "A \u{301}B", "Lone"]
        {
            #expect(EntityResolver.words(of: name) == name.split(separator: " "), "\(name)")
        }
    }
}
