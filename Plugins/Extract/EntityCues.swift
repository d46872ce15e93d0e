import TextKit

/// The words the entity recognizer reads as cues, all lowercased.
enum EntityCues {
    /// Titles and roles before a person's name ("President Joe Biden", "Mr Kato").
    static let personTitles: StringTable = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "president", "vice", "prime", "minister",
        "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "judge", "justice", "king", "queen",
        "prince", "princess", "pope", "sheikh", "sheik", "emir", "chancellor", "secretary", "gen", "general", "lt",
        "lieutenant", "colonel", "col", "major", "maj", "captain", "capt", "sir", "dame", "lord", "lady", "chairman",
        "chairwoman", "chair", "ceo", "cfo", "cto", "director", "ambassador", "commissioner", "chief", "coach",
        "spokesman", "spokeswoman", "spokesperson", "inspector", "sergeant", "sgt", "pastor", "rev", "reverend",
        "father", "bishop", "archbishop", "cardinal", "imam", "ayatollah", "speaker", "premier", "deputy",
        "foreign", "finance", "defence", "defense", "interior", "health", "trade", "former", "opposition",
        "leader", "analyst", "researcher", "economist", "founder", "executive", "officer", "attorney", "author",
        "actor", "actress", "singer", "star", "striker", "midfielder", "defender", "goalkeeper", "manager",
        "detective", "constable", "officer", "mp", "mep", "senior", "fellow", "head", "editor", "reporter",
        "correspondent", "activist", "lawyer", "presidential", "candidate", "dj", "st", "saint", "uncle", "aunt",
        "crown", "pm", "managing", "acting", "lady", "prosecutor", "coach", "emperor", "sultan",
        "brig", "gen.", "cabinet", "undersecretary", "commander", "marshal", "admiral", "adm", "sheikha",
        "ambassador-designate", "mp", "mla", "councillor", "councilor", "alderman", "dean", "rector", "rabbi",
    ]

    /// Role words that, written in lowercase just before a name, mark a person ("said analyst Lennart Heim").
    static let lowercaseRoles: StringTable = [
        "president", "minister", "spokesman", "spokeswoman", "spokesperson", "analyst", "researcher", "director",
        "chairman", "ceo", "executive", "officer", "leader", "secretary", "governor", "senator", "mayor",
        "founder", "professor", "economist", "coach", "manager", "actor", "actress", "singer", "player",
        "striker", "author", "writer", "lawyer", "attorney", "judge", "colleague", "brother", "sister",
        "son", "daughter", "wife", "husband", "father", "mother", "fellow", "head", "chief", "activist",
        "correspondent", "editor", "star", "captain", "rapper", "musician", "artist", "photographer", "dr",
    ]

    /// The last word of an organisation's name ("Sexual Minorities Uganda Trust", "Acme Inc").
    static let organizationHeads: StringTable = [
        "inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "co", "co.", "corporation", "company", "group",
        "holdings", "bank", "university", "ministry", "department", "agency", "association", "institute",
        "institution", "council", "committee", "commission", "party", "court", "tribunal", "foundation",
        "federation", "union", "organization", "organisation", "authority", "office", "board", "club", "fc",
        "airlines", "airways", "motors", "technologies", "technology", "systems", "labs", "laboratories",
        "news", "times", "post", "press", "journal", "herald", "tribune", "gazette", "radio", "television", "tv",
        "network", "fund", "trust", "church", "school", "college", "academy", "army", "navy", "police",
        "service", "services", "forces", "front", "movement", "alliance", "league", "centre", "center",
        "society", "securities", "capital", "partners", "media", "electronics", "energy", "pharmaceuticals",
        "industries", "hospital", "parliament", "assembly", "senate", "congress", "cabinet", "government",
        "administration", "exchange", "brigade", "battalion", "unit", "team", "bureau", "secretariat",
        "embassy", "consulate", "directorate", "guard", "guards", "network", "institute", "commission",
        "cooperative", "consortium", "endowment", "institution", "observatory", "watch", "initiative", "program", "programme", "project", "taskforce",
        "entertainment", "studios", "records", "pictures", "films", "publishing", "telecom", "communications",
        "airline", "railways", "petroleum", "oil", "gas", "mining", "insurance", "investments", "ventures",
        "fc", "united", "rovers", "city", "athletic", "wanderers", "magazine", "daily", "weekly", "agency",
        "wire", "rail", "foods", "therapeutics", "pharma", "biotech", "logistics", "shipping", "freight",
        "ferries", "dairy", "brewery", "primary",
        // Groups named as their members ("Westmark Dairy Farmers", "Mill Road Traders").
        "growers", "farmers", "savers", "bankers", "traders", "supporters", "ratepayers", "workers",
        "producers", "retailers", "employers", "residents", "campaigners",
    ]

    /// The first word of an organisation's name when "of" follows ("Ministry of Health").
    static let organizationLeads: StringTable = [
        "ministry", "university", "bank", "department", "institute", "bureau", "office", "council",
        "commission", "association", "federation", "embassy", "church", "college", "school", "academy",
        "museum", "house", "court", "board", "league", "union", "party", "society", "chamber", "army",
        "government", "state", "federal", "national", "central", "royal", "international", "world",
        "european", "united", "people's",
    ]

    /// The last word of a place's name ("Red Sea", "Rift Valley", "Kampala District").
    static let locationHeads: StringTable = [
        "river", "sea", "ocean", "lake", "mountains", "mount", "mountain", "island", "islands", "province",
        "county", "state", "valley", "street", "square", "bay", "gulf", "desert", "peninsula", "strait",
        "region", "district", "road", "avenue", "coast", "hills", "plains", "canal", "falls", "forest",
        "village", "town", "county", "territory", "prefecture", "oblast", "heights", "harbour", "harbor",
        "beach", "park", "borough", "archipelago", "basin", "delta", "highlands", "steppe", "channel",
        "lane", "row", "walk", "reservoir", "crescent", "terrace", "quay", "wharf", "creek", "moor", "marsh",
        "estuary", "glen", "loch",
    ]

    /// Leading words of a place's name ("Mount Kenya", "Lake Victoria").
    static let locationLeads: StringTable = ["mount", "mt", "lake", "cape", "port", "fort", "isle", "gulf", "san", "santa", "saint", "st", "new", "north", "south", "east", "west"]

    /// Leading words that make a place whatever follows, even a given name ("River Ash", "Lake Nora").
    static let strongLocationLeads: StringTable = ["river", "lake", "mount", "mt", "loch", "isle", "cape"]

    /// Leading words of a named weather event or operation: misc ("Storm Orla", "Hurricane Ian").
    static let miscLeads: StringTable = ["storm", "hurricane", "typhoon", "cyclone", "operation"]

    /// Lowercase nouns after a name that make it a product or a named thing ("the Kestrel chip",
    /// "the SHIELD-2 trial").
    static let productNouns: StringTable = [
        "chip", "chips", "processor", "processors", "model", "models", "phone", "phones", "smartphone", "app",
        "platform", "drug", "pill", "vaccine", "satellite", "rocket", "missile", "missiles", "jet", "jets",
        "aircraft", "car", "cars", "console", "software", "trial", "chatbot", "engine", "tablet", "laptop",
    ]

    /// Nouns that, before "of", introduce a place ("the town of Ashvale", "the island of Skerrin").
    static let placeNouns: StringTable = [
        "town", "city", "village", "island", "region", "province", "state", "county", "capital", "suburb",
        "district", "port", "hamlet", "republic", "kingdom", "islands", "municipality",
    ]

    /// What a country or region has, after its possessive ("Westmark's transport minister").
    static let countryPossessions: StringTable = [
        "government", "capital", "parliament", "border", "borders", "coast", "coastline", "population", "prime",
        "president", "ministry", "minister", "cabinet", "army", "military", "navy", "citizens", "regions",
        "provinces", "transport", "finance", "foreign", "interior", "economy",
    ]

    /// The last word of an event, work, law or product name: misc.
    static let miscHeads: StringTable = [
        "cup", "games", "olympics", "war", "award", "awards", "festival", "prize", "championship",
        "championships", "series", "act", "treaty", "accord", "agreement", "day", "week", "summit",
        "conference", "expo", "show", "tour", "open", "marathon", "protocol", "declaration", "plan",
        "revolution", "crisis", "airport", "stadium", "bridge", "tower", "hotel", "palace", "hall",
        "station", "dam", "prison", "museum", "temple", "mosque", "cathedral", "arena", "theatre", "theater",
        "album", "novel", "film", "movie", "bill", "law", "code", "initiative", "election", "elections",
    ]

    /// Lowercase words after a spaced hyphen that make an adjective, not part of a name ("Beijing - based").
    static let hyphenSuffixes: StringTable = [
        "based", "speaking", "led", "backed", "owned", "born", "made", "run", "funded", "style", "era", "related",
        "linked", "born", "bound", "wide", "level", "scale", "specific", "centric", "friendly", "controlled",
        "sponsored", "dominated", "produced", "focused", "oriented", "affiliated", "designed", "built", "listed",
    ]

    /// Compass words that start a region's name.
    static let compassWords: StringTable = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
        "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
        "upper", "lower", "greater",
    ]

    /// Words before a place ("in Kampala", "from Beijing").
    static let locationPrepositions: StringTable = [
        "in", "from", "near", "across", "into", "throughout", "outside", "inside", "towards", "toward", "around",
        "via", "within", "to", "visited", "visit", "capital", "between",
    ]

    /// Verbs that follow a speaker ("Heim said").
    static let speechVerbs: StringTable = [
        "said", "says", "told", "added", "explained", "noted", "stated", "argued", "wrote", "warned",
        "asked", "insisted", "claimed", "suggested", "acknowledged", "admitted", "recalled", "replied",
        "continued", "concluded", "declared", "announced", "believes", "thinks", "tweeted", "commented",
    ]

    /// Capitalized words that are never entities on their own.
    static let nonEntities: StringTable = [
        "i", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms",
        "dr", "sir", "madam", "ok", "tv", "ad", "bc", "am", "pm", "a.m.", "p.m.", "ceo", "cfo", "gdp", "ai",
        "internet", "web", "god", "lord", "oh", "yes", "no", "hi", "dear", "photo", "video", "read", "click",
        "advertisement", "update", "updated", "breaking", "exclusive", "editorial", "opinion", "analysis",
        "source", "sources", "copyright", "related", "more", "share", "comment", "comments", "live", "watch",
        "today", "yesterday", "tomorrow", "tonight", "week", "year", "president", "minister", "government",
        "chairman", "chief", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "federal", "national", "state", "city", "county", "republic", "kingdom", "ministry",
        "department", "university", "company", "party", "court", "police", "army", "council", "committee",
        "parliament", "senate", "congress", "cabinet", "mp", "premier", "prime", "secretary", "governor",
        "mayor", "judge", "general", "professor", "spokesman", "spokeswoman", "eu-", "st", "co", "inc", "ltd",
        "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "line",
    ]

    /// Common nouns and adjectives that titles and organisation names capitalize
    /// ("Director of Finance", "Science and Technology"): never a name alone, and
    /// a span made only of them is not a name either.
    static let genericWords: StringTable = [
        "office", "science", "sciences", "technology", "head", "director", "directors", "law", "laws", "news",
        "section", "environment", "interior", "justice", "vice", "highness", "excellency", "majesty", "people",
        "finance", "article", "revolution", "agriculture", "act", "development", "secretariat", "member",
        "members", "international", "executive", "chair", "left", "right", "non", "inter", "anti", "pro",
        "training", "information", "customs", "sports", "sport", "independence", "opposition", "house",
        "prevention", "channel", "commerce", "chamber", "representative", "representatives", "freedom",
        "voice", "agenda", "liberation", "expression", "master", "masters", "mathematics", "theology",
        "bachelor", "constitution", "indigenous", "ruler", "undersecretary", "employment", "elimination",
        "livestock", "fisheries", "highways", "confederation", "hospital", "commission", "senate", "post",
        "climate", "change", "human", "rights", "national", "security", "social", "gender", "equality",
        "public", "works", "tertiary", "education", "physical", "health", "affairs", "foreign", "economic",
        "economy", "labour", "labor", "child", "children", "women", "youth", "culture", "tourism", "transport",
        "energy", "water", "resources", "trade", "industry", "investment", "defence", "defense", "home",
        "local", "regional", "rural", "urban", "planning", "policy", "programme", "program", "evaluation",
        "management", "committee", "council", "board", "authority", "department", "division", "unit",
        "service", "services", "system", "systems", "network", "centre", "center", "institute", "research",
        "studies", "study", "report", "statement", "declaration", "convention", "panel", "summit", "forum",
        "conference", "meeting", "session", "day", "week", "month", "year", "new", "old", "great", "first",
        "second", "third", "last", "final", "annual", "general", "special", "acting", "deputy", "assistant",
        "senior", "junior", "chief", "managing", "lady", "gentleman", "governance", "development", "cooperation",
        "relations", "communications", "communication", "media", "digital", "data", "online", "internet",
        "mobile", "medical", "medicine", "care", "safety", "emergency", "disaster", "relief", "aid", "food",
        "housing", "land", "lands", "mines", "mining", "oil", "gas", "power", "electricity", "infrastructure",
        "welfare", "pension", "pensions", "tax", "taxes", "revenue", "budget", "audit", "statistics", "census",
        "election", "elections", "electoral", "vote", "voting", "party", "parties", "government", "state",
        "states", "federal", "central", "province", "provincial", "district", "county", "city", "municipal",
        "municipality", "village", "community", "communities", "family", "families", "church", "school",
        "schools", "college", "university", "universities", "academy", "court", "courts", "police", "army",
        "military", "forces", "force", "navy", "air", "sea", "world", "global", "union", "alliance",
        "association", "federation", "society", "foundation", "fund", "bank", "company", "group", "holdings",
        "corporation", "ministry", "minister", "ministers", "president", "prime", "secretary", "governor",
        "chairman", "officer", "officers", "spokesman", "spokesperson", "leader", "leaders", "crown", "prince",
        "princess", "king", "queen", "emperor", "pope", "sheikh", "lord", "sir", "mr", "mrs", "ms", "dr",
        "speaker", "mp", "mps", "pm", "ceo", "chief", "covid", "coronavirus", "pandemic", "vaccine", "virus",
        "chapter", "part", "page", "figure", "table", "annex", "schedule", "item", "rule", "rules",
        "regulation", "regulations", "bill", "order", "decree", "resolution", "strategy", "plan", "vision",
        "mission", "project", "initiative", "framework", "agreement", "treaty", "protocol", "charter",
        "ai", "gpu", "gpus", "cpu", "cpus", "api", "apis", "llm", "llms", "qr", "ngo", "ngos", "mou", "atm",
        "usd", "gdp", "rights", "reserved", "powered", "support", "technical", "sales", "growth", "updates",
        "update", "creator", "content", "contact", "privacy", "terms", "cookie", "cookies", "subscribe",
        "newsletter", "login", "sign", "home", "about", "advertise", "careers", "help", "faq", "search", "menu",
    ]

    /// Words that start sentences and are not part of the name after them ("Meanwhile Alibaba ...").
    static let sentenceStarters: StringTable = [
        "however", "meanwhile", "although", "despite", "according", "following", "after", "before", "since",
        "while", "when", "where", "last", "next", "earlier", "later", "today", "yesterday", "tomorrow",
        "instead", "indeed", "still", "yet", "now", "then", "also", "even", "only", "just", "already",
        "moreover", "furthermore", "additionally", "nevertheless", "nonetheless", "thus", "hence", "overall",
        "currently", "recently", "finally", "first", "second", "third", "many", "several", "some", "most",
        "all", "both", "each", "every", "another", "other", "such", "like", "unlike", "as", "if", "unless",
        "until", "whether", "here", "there", "why", "how", "what", "who", "which", "whose", "whom", "dear",
        "please", "thanks", "thank", "yes", "no", "ok", "well", "so", "and", "or", "but", "nor", "for",
        "by", "with", "without", "under", "over", "during", "among", "between", "through", "throughout",
        "via", "per", "outside", "inside", "including", "regarding", "concerning", "amid", "amidst", "against",
        "toward", "towards", "upon", "within", "beyond", "about", "above", "below", "across", "along",
        "around", "behind", "beside", "besides", "near", "off", "onto", "out", "past", "up", "down",
        "former", "senior", "given", "whereas", "thereby", "amid",
    ]

    /// Lowercase words allowed inside a name between capitalized words ("Bank of America", "Ludwig van Beethoven").
    static let connectors: StringTable = ["of", "de", "du", "des", "van", "von", "der", "den", "del", "della", "da", "dos", "das", "al", "el", "bin", "ibn", "la", "le", "y", "di", "for", "on"]
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
