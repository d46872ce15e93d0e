import TextKit

/// The words the entity recognizer reads as cues, all lowercased.
enum EntityCues {
    /// A list from Data/ as its words: one per line; lines starting with `#` are notes.
    static func words(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    /// Titles and roles before a person's name ("President Joe Biden", "Mr Kato").
    static let personTitles = StringTable(words(EmbeddedData.personTitles))

    /// Role words that, written in lowercase just before a name, mark a person ("said analyst Lennart Heim").
    static let lowercaseRoles = StringTable(words(EmbeddedData.lowercaseRoles))

    /// The last word of an organisation's name ("Sexual Minorities Uganda Trust", "Acme Inc").
    static let organizationHeads = StringTable(words(EmbeddedData.organizationHeads))

    /// The first word of an organisation's name when "of" follows ("Ministry of Health").
    static let organizationLeads = StringTable(words(EmbeddedData.organizationLeads))

    /// The last word of a place's name ("Red Sea", "Rift Valley", "Kampala District").
    static let locationHeads = StringTable(words(EmbeddedData.locationHeads))

    /// Leading words of a place's name ("Mount Kenya", "Lake Victoria").
    static let locationLeads = StringTable(words(EmbeddedData.locationLeads))

    /// Leading words that make a place whatever follows, even a given name ("River Ash", "Lake Nora").
    static let strongLocationLeads = StringTable(words(EmbeddedData.strongLocationLeads))

    /// Leading words of a named weather event or operation: misc ("Storm Orla", "Hurricane Ian").
    static let miscLeads = StringTable(words(EmbeddedData.miscLeads))

    /// Lowercase nouns after a name that make it a product or a named thing ("the Kestrel chip",
    /// "the SHIELD-2 trial").
    static let productNouns = StringTable(words(EmbeddedData.productNouns))

    /// Nouns that, before "of", introduce a place ("the town of Ashvale", "the island of Skerrin").
    static let placeNouns = StringTable(words(EmbeddedData.placeNouns))

    /// What a country or region has, after its possessive ("Westmark's transport minister").
    static let countryPossessions = StringTable(words(EmbeddedData.countryPossessions))

    /// The last word of an event, work, law or product name: misc.
    static let miscHeads = StringTable(words(EmbeddedData.miscHeads))

    /// Lowercase words after a spaced hyphen that make an adjective, not part of a name ("Beijing - based").
    static let hyphenSuffixes = StringTable(words(EmbeddedData.hyphenSuffixes))

    /// Compass words that start a region's name.
    static let compassWords = StringTable(words(EmbeddedData.compassWords))

    /// Words before a place ("in Kampala", "from Beijing").
    static let locationPrepositions = StringTable(words(EmbeddedData.locationPrepositions))

    /// Verbs that follow a speaker ("Heim said").
    static let speechVerbs = StringTable(words(EmbeddedData.speechVerbs))

    /// Capitalized words that are never entities on their own.
    static let nonEntities = StringTable(words(EmbeddedData.nonEntities))

    /// Common nouns and adjectives that titles and organisation names capitalize
    /// ("Director of Finance", "Science and Technology"): never a name alone, and
    /// a span made only of them is not a name either.
    static let genericWords = StringTable(words(EmbeddedData.genericWords))

    /// Words that start sentences and are not part of the name after them ("Meanwhile Alibaba ...").
    static let sentenceStarters = StringTable(words(EmbeddedData.sentenceStarters))

    /// Lowercase words allowed inside a name between capitalized words ("Bank of America", "Ludwig van Beethoven").
    static let connectors = StringTable(words(EmbeddedData.connectors))
}

/// Which of the cue lists above a lowercase word is in, from one dictionary lookup: a
/// mention's first, last and neighbouring words are each checked against several lists.
struct CueLists: OptionSet, Sendable {
    let rawValue: UInt32

    static let organizationHead = CueLists(rawValue: 1 << 0)
    static let organizationLead = CueLists(rawValue: 1 << 1)
    static let locationHead = CueLists(rawValue: 1 << 2)
    static let locationLead = CueLists(rawValue: 1 << 3)
    static let strongLocationLead = CueLists(rawValue: 1 << 4)
    static let miscLead = CueLists(rawValue: 1 << 5)
    static let miscHead = CueLists(rawValue: 1 << 6)
    static let compass = CueLists(rawValue: 1 << 7)
    static let locationPreposition = CueLists(rawValue: 1 << 8)
    static let lowercaseRole = CueLists(rawValue: 1 << 9)
    static let speechVerb = CueLists(rawValue: 1 << 10)
    static let productNoun = CueLists(rawValue: 1 << 11)
    static let countryPossession = CueLists(rawValue: 1 << 12)
    static let placeNoun = CueLists(rawValue: 1 << 13)

    /// The lists of `word` (lowercase); empty when it is in none.
    static func of(_ word: String) -> CueLists { index.words.number(of: word).map { index.lists[$0] } ?? [] }

    /// Each list with its flag.
    static let lists: [(words: StringTable, flag: CueLists)] = [
        (EntityCues.organizationHeads, .organizationHead), (EntityCues.organizationLeads, .organizationLead),
        (EntityCues.locationHeads, .locationHead), (EntityCues.locationLeads, .locationLead),
        (EntityCues.strongLocationLeads, .strongLocationLead), (EntityCues.miscLeads, .miscLead),
        (EntityCues.miscHeads, .miscHead), (EntityCues.compassWords, .compass),
        (EntityCues.locationPrepositions, .locationPreposition), (EntityCues.lowercaseRoles, .lowercaseRole),
        (EntityCues.speechVerbs, .speechVerb), (EntityCues.productNouns, .productNoun),
        (EntityCues.countryPossessions, .countryPossession), (EntityCues.placeNouns, .placeNoun),
    ]

    /// Every listed word, numbered, with its lists by the same number.
    private static let index: (words: StringTable, lists: [CueLists]) = {
        var words = StringTable()
        var flags: [CueLists] = []
        for (list, flag) in lists {
            for word in list {
                let (number, inserted) = words.insert(word)
                if inserted { flags.append([]) }
                flags[number].insert(flag)
            }
        }
        return (words, flags)
    }()
}
