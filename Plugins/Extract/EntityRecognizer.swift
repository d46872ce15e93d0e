import PipelineKit
import TextKit

/// Finds names in text by capitalisation, gazetteers and context cues, types
/// them, and merges the variants of one name ("Eric Schmidt", "Schmidt";
/// "U.S.", "United States").
///
/// Built once per run; `entities(in:)` is thread-safe.
public struct EntityRecognizer: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .builtIn) {
        self.gazetteer = gazetteer
    }

    /// One mention of a name, with the evidence for each type.
    struct Mention {
        /// The name as the text writes it (spaces normalised, possessive dropped).
        var surface: String
        var evidence: Evidence
        var canonical: String?
    }

    /// Evidence per type, summed over the cues that fired.
    struct Evidence {
        /// Person, organization, location, misc (`Entity.Kind.allCases` order). Four lanes of
        /// one value rather than an array: one is made per mention and summed per group, and
        /// an array was an allocation each time.
        var scores = SIMD4<Double>(repeating: 0)
        var gazetteer = false

        mutating func add(_ type: Entity.Kind, _ weight: Double) { scores[Self.index(type)] += weight }
        static func index(_ type: Entity.Kind) -> Int {
            switch type {
            case .person: 0
            case .organization: 1
            case .location: 2
            case .misc: 3
            }
        }
        static let kinds = Entity.Kind.allCases
        static func + (a: Evidence, b: Evidence) -> Evidence {
            var sum = a
            sum.scores += b.scores  // lane by lane, the same additions as one by one
            sum.gazetteer = a.gazetteer || b.gazetteer
            return sum
        }
        var best: Entity.Kind {
            var bestIndex = 0
            for k in 1..<4 where scores[k] > scores[bestIndex] { bestIndex = k }
            return Self.kinds[bestIndex]
        }
    }

    /// The merged entities of `paragraphs`: canonical text, type and count
    /// (mentions of every variant), most mentioned first. With `variants`,
    /// each distinct surface form is listed on its own, typed like its group.
    public func entities(in paragraphs: [String], variants: Bool = false) -> [Entity] {
        entities(in: AnalyzedText(paragraphs), variants: variants)
    }

    /// ``entities(in:variants:)`` for an analysed text.
    public func entities(in text: AnalyzedText, variants: Bool = false) -> [Entity] {
        let paragraphs = text.paragraphs
        let tokenized = text.tokens
        let evidence = DocumentEvidence(tokenized)
        var mentions: [Mention] = []
        for (paragraph, tokens) in zip(paragraphs, tokenized) where !evidence.isHeadline(tokens) {
            findMentions(tokens, in: paragraph, evidence: evidence, into: &mentions)
        }
        return EntityResolver.resolve(mentions, variants: variants)
    }

    // MARK: - Finding mentions

    static func isNameWord(_ token: Token) -> Bool {
        guard token.kind == .word, let first = token.text.utf8.first else { return false }
        if first >= 0x41 && first <= 0x5A { return true }
        if first < 0x80 {
            // "iPhone", "eBay": lowercase first letter, uppercase later.
            var upper = false
            for byte in token.text.utf8.dropFirst() {
                if byte == 0x2D || byte >= 0x80 { return false }
                if byte >= 0x41 && byte <= 0x5A { upper = true }
            }
            return upper
        }
        return token.isCapitalized
    }

    static let sentenceOpeners: StringTable = [
        ".", "!", "?", "…", ":", "\"", "“", "‘", "'", "(", "[", "—", "–", "-", "|", "•",
    ]

    static func isSentenceInitial(_ tokens: [Token], _ i: Int) -> Bool {
        i == 0 || sentenceOpeners.contains(tokens[i - 1].text)
    }

    static func hasPossessive(_ text: String) -> Bool {
        hasSuffix(text, "'s") || hasSuffix(text, "’s")
    }

    /// `text.hasSuffix(suffix)` for a `suffix` that starts with a letter or an apostrophe,
    /// compared on UTF-8 bytes. `hasSuffix` compares Characters from the end, and it runs on
    /// every word of a capitalised run; the bytes give the same answer because such a suffix
    /// is its own Characters, equal only to the same bytes, unless the scalar before it is
    /// non-ASCII (a prepended mark would take its first character into its own Character):
    /// only then are Characters compared.
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        var text = text, suffix = suffix
        let answer: Bool? = text.withUTF8 { text in
            suffix.withUTF8 { suffix in
                guard text.count >= suffix.count else { return false }
                let start = text.count - suffix.count
                for k in 0..<suffix.count where text[start + k] != suffix[k] { return false }
                return start == 0 || text[start - 1] < 0x80 ? true : nil
            }
        }
        return answer ?? text.hasSuffix(suffix)
    }

    /// Whether `text`'s UTF-8 has two spaces in a row.
    static func hasDoubleSpace(_ text: Substring) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x20 && previous == 0x20 { return true }
            previous = byte
        }
        return false
    }

    /// Where `word`'s first or last "-" is, found on its bytes when it is ASCII (each
    /// byte a Character), else by Characters.
    static func dash(in word: String, last: Bool) -> String.Index? {
        guard let byte = last ? word.utf8.lastIndex(of: 0x2D) : word.utf8.firstIndex(of: 0x2D) else { return nil }
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            return last ? word.lastIndex(of: "-") : word.firstIndex(of: "-")
        }
        return byte
    }

    func findMentions(
        _ tokens: [Token], in text: String, evidence doc: DocumentEvidence, into mentions: inout [Mention]
    ) {
        var i = 0
        let n = tokens.count
        while i < n {
            guard Self.isNameWord(tokens[i]) else {
                i += 1
                continue
            }
            var end = i + 1
            var j = i + 1
            while j < n, !Self.splitsAfter(tokens[end - 1].text) {
                if Self.isNameWord(tokens[j]), Self.titleCaseFunctionWords.contains(tokens[j].text) {
                    // "Powered By", "Catch-Up Under Export Controls": a capitalized function word
                    // inside a run is title-case text, not a name.
                    break
                } else if Self.isNameWord(tokens[j]) {
                    end = j + 1
                    j += 1
                } else if j + 1 < n, Self.isNameWord(tokens[j + 1]),
                    tokens[j].text == "&"
                        || (EntityCues.connectors.contains(tokens[j].text) && connectorFits(tokens, i, j))
                        || (tokens[j].text == "and"
                            && (startsOrganization(tokens, i, j) || endsOrganization(tokens, after: j)))
                {
                    j += 1
                } else if j + 1 < n, Self.isPluralApostrophe(tokens, j), Self.isNameWord(tokens[j + 1]) {
                    // "Harbour Workers' Union": a plural possessive inside a name.
                    j += 1
                } else if tokens[j].text == ".", tokens[j - 1].text.count == 1, tokens[j - 1].isCapitalized,
                    tokens[j].range.lowerBound == tokens[j - 1].range.upperBound,
                    j + 1 == n || Self.isNameWord(tokens[j + 1]) || !tokens[j + 1].isWordLike
                {
                    // Initials written with spaces: "J. K. Rowling", "U. S.".
                    end = j + 1
                    j += 1
                } else if j + 1 < n, tokens[j].text == "-",
                    tokens[j + 1].kind == .number
                        || tokens[j + 1].kind == .word
                            && (!tokens[j + 1].isCapitalized && !EntityCues.hyphenSuffixes.contains(tokens[j + 1].text)
                                || ["al", "el"].contains(Self.lower(tokens[j - 1].text)))
                {
                    // Text that spaces its hyphens: "COVID - 19", "Yoon Suk - yeol", "Al - Sabah".
                    end = j + 2
                    j += 2
                } else {
                    break
                }
            }
            if let mention = mention(tokens, i..<end, in: text, doc: doc) { mentions.append(mention) }
            i = end
        }
    }

    /// Function words that title-case text capitalizes ("Powered By", "Catch-Up Under Export Controls").
    static let titleCaseFunctionWords: StringTable = [
        "By", "The", "And", "Of", "In", "On", "At", "For", "With", "From", "To", "Under", "Over", "A", "An", "Or",
        "Is", "Are", "Was", "Were", "This", "That", "Into", "As", "Its", "Their", "How", "Why", "What",
    ]

    /// `word` lowercased, without Unicode case mapping when it is ASCII.
    @inline(__always)
    static func lower(_ word: String) -> String {
        var needs = false
        for b in word.utf8 {
            if b >= 0x80 { return word.lowercased() }
            if b >= 0x41 && b <= 0x5A { needs = true }
        }
        guard needs else { return word }
        return String(unsafeUninitializedCapacity: word.utf8.count) { buffer in
            var n = 0
            for b in word.utf8 {
                buffer[n] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                n += 1
            }
            return n
        }
    }

    /// A title or role word, also with a suffix ("President-elect", "Dr.").
    static func isTitle(_ word: String) -> Bool {
        var lower = Self.lower(word)
        if lower.utf8.last == 0x2E { lower.removeLast() }
        if EntityCues.personTitles.contains(lower) { return true }
        if let dash = dash(in: lower, last: false) { return EntityCues.personTitles.contains(String(lower[..<dash])) }
        return false
    }

    /// Possessives end a name ("Uganda's Supreme Court" is two), except in names
    /// built on one ("People's Court", "Women's League").
    static func splitsAfter(_ text: String) -> Bool {
        guard hasPossessive(text) else { return false }
        return !["people", "women", "children", "men", "workers"].contains(text.dropLast(2).lowercased())
    }

    /// "and" joins an organisation's name that began with "Ministry of", "Department of"...
    func startsOrganization(_ tokens: [Token], _ start: Int, _ j: Int) -> Bool {
        var k = start
        while k < j, tokens[k].kind == .word, Self.isNameWord(tokens[k]) { k += 1 }
        return k < j && tokens[k].text == "of" && EntityCues.organizationLeads.contains(Self.lower(tokens[k - 1].text))
    }

    /// "and" joins two capitalized runs when the second ends in an organisation's head word
    /// ("Maritime and Harbour Workers' Union", "Science and Technology Commission").
    func endsOrganization(_ tokens: [Token], after j: Int) -> Bool {
        var k = j + 1
        var last = j
        while k < tokens.count, Self.isNameWord(tokens[k]) || Self.isPluralApostrophe(tokens, k) {
            if Self.isNameWord(tokens[k]) { last = k }
            k += 1
        }
        guard last > j else { return false }
        let head = Self.lower(tokens[last].text)
        return head != "city" && head != "united" && EntityCues.organizationHeads.contains(head)
    }

    /// An apostrophe written right after a word ending in "s" ("Workers' Union").
    static func isPluralApostrophe(_ tokens: [Token], _ j: Int) -> Bool {
        guard j > 0, tokens[j].text == "'" || tokens[j].text == "’",
            tokens[j].range.lowerBound == tokens[j - 1].range.upperBound
        else { return false }
        return hasSuffix(tokens[j - 1].text, "s")
    }

    /// Whether the lowercase word at `j` joins the name that started at `start`:
    /// "of" only after an organisation or place word ("Bank of", "Gulf of").
    func connectorFits(_ tokens: [Token], _ start: Int, _ j: Int) -> Bool {
        let word = tokens[j].text
        if word == "of" || word == "for" || word == "on" {
            let head = Self.lower(tokens[j - 1].text)
            return EntityCues.organizationLeads.contains(head) || EntityCues.organizationHeads.contains(head)
                || EntityCues.locationHeads.contains(head) || EntityCues.miscHeads.contains(head)
                || head == "republic" || head == "kingdom" || head == "isle" || head == "states" || head == "emirates"
        }
        return true
    }

    func mention(_ tokens: [Token], _ range: Range<Int>, in text: String, doc: DocumentEvidence) -> Mention? {
        var words = tokens[range].map(\.text)
        var start = range.lowerBound
        if let last = words.last, Self.hasPossessive(last) { words[words.count - 1] = String(last.dropLast(2)) }
        var evidence = Evidence()
        var initial = Self.isSentenceInitial(tokens, start)

        // The whole span may be a known name ("General Motors", "The Hague").
        if gazetteer.lookup(words.count == 1 ? words[0] : words.joined(separator: " ")) == nil {
            // Leading words that are not part of the name: sentence openers, "The", titles.
            while let first = words.first {
                let lower = Self.lower(first)
                if Stopwords.english.contains(lower) || (initial && EntityCues.sentenceStarters.contains(lower))
                    || (initial && words.count > 1 && (Self.hasSuffix(lower, "ing") || Self.hasSuffix(lower, "ed"))
                        && gazetteer.lookup(first) == nil)
                    || (initial && words.count > 1 && doc.lowercase.contains(lower) && gazetteer.lookup(first) == nil
                        && !gazetteer.givenNames.contains(first))
                {
                    words.removeFirst()
                    start += 1
                    initial = false
                } else {
                    break
                }
            }
            // Titles and roles before a name, with what qualifies them: "Chinese President
            // Xi Jinping", "House Speaker Nancy Pelosi", "Crown Prince Sheikh Mishal Al-Ahmad".
            if let k = words.lastIndex(where: Self.isTitle) {
                let rest = words[(k + 1)...]
                if rest.isEmpty {
                    if words.allSatisfy({
                        Self.isTitle($0) || EntityCues.genericWords.contains(Self.lower($0))
                            || gazetteer.lookup($0)?.type == .misc
                    }) {
                        return nil
                    }
                    // "Google CEO": the title after a name is not part of it.
                    while let last = words.last, Self.isTitle(last), words.count > 1 { words.removeLast() }
                } else if let next = rest.first, !EntityCues.genericWords.contains(Self.lower(next)),
                    !EntityCues.connectors.contains(next),
                    !EntityCues.organizationHeads.contains(Self.lower(rest.last!)), next != "-"
                {
                    words.removeFirst(k + 1)
                    start += k + 1
                    initial = false
                    evidence.add(.person, 3)
                }
            }
            while let last = words.last, words.count > 1,
                EntityCues.connectors.contains(last) || Stopwords.english.contains(Self.lower(last))
                    || EntityCues.nonEntities.contains(Self.lower(last))
            {
                words.removeLast()
            }
        }
        guard !words.isEmpty else { return nil }
        if words.count > 1, words[0] == "The" || words[0] == "the",
            gazetteer.lookup(words.dropFirst().joined(separator: " ")) != nil
        {
            words.removeFirst()
            start += 1
        }
        while words.last == "." && words.count > 1 && words[words.count - 2].count > 1 { words.removeLast() }
        guard !words.isEmpty, words.contains(where: { $0.count > 1 }) || words.count > 2 else { return nil }
        let joined = words.count == 1 ? words[0] : words.joined(separator: " ")
        var surface: String
        if words.count == 1 {
            surface = words[0]
        } else {
            let slice = text[tokens[start].range.lowerBound..<tokens[start + words.count - 1].range.upperBound]
            // Two spaces in a row are looked for on the bytes first: Foundation's `contains`,
            // here for every name of two words or more, was 0.3% of a run. Any match it finds
            // is those two bytes, so it runs only when they are there.
            surface =
                slice.utf8.contains { $0 < 0x20 } || (Self.hasDoubleSpace(slice) && slice.contains("  "))
                ? slice.split(whereSeparator: \.isWhitespace).joined(separator: " ") : String(slice)
            if Self.hasPossessive(surface) { surface.removeLast(2) }
            while Self.hasSuffix(surface, "'") || Self.hasSuffix(surface, "’") { surface.removeLast() }
        }
        let lowerFirst = Self.lower(words[0])
        let lowerLast = Self.lower(words[words.count - 1])
        let isAllCaps = words.count == 1 && Token(text: words[0], range: tokens[start].range, kind: .word).isAllCaps

        var canonical: String?
        if let entry = gazetteer.lookup(surface) ?? (joined == surface ? nil : gazetteer.lookup(joined))
            ?? (words.count == 1 && isAllCaps && words[0].count > 3 ? gazetteer.lookup(words[0].capitalized) : nil)
        {
            evidence.add(entry.type, 5)
            evidence.gazetteer = true
            canonical = entry.canonical
        } else {
            let nameWords = words.filter {
                !EntityCues.connectors.contains($0) && $0 != "-" && $0 != "&" && $0 != "and"
            }
            let ofOrganization = words.contains("of") && EntityCues.organizationLeads.contains(lowerFirst)
            if !ofOrganization,
                nameWords.allSatisfy({
                    EntityCues.genericWords.contains(Self.lower($0)) || EntityCues.nonEntities.contains(Self.lower($0))
                        || (nameWords.count > 1 && gazetteer.lookup($0)?.type == .misc)
                })
            {
                return nil
            }
            if words.count == 1 {
                if EntityCues.nonEntities.contains(lowerFirst) || words[0].count < 2 { return nil }
                // "AI-powered", "US-led": a hyphenated adjective.
                if let dash = Self.dash(in: lowerFirst, last: true) {
                    let tail = lowerFirst[lowerFirst.index(after: dash)...]
                    if EntityCues.hyphenSuffixes.contains(String(tail)) || tail.hasSuffix("ed") || tail.hasSuffix("ing")
                    {
                        return nil
                    }
                }
                // A lone word right after "and"/"of" inside a capitalized run is a broken-off
                // piece of a longer name ("Ministry of Science and Technology").
                if start >= 2, ["and", "of", "&"].contains(tokens[start - 1].text), Self.isNameWord(tokens[start - 2]) {
                    return nil
                }
                // A capitalized word at a sentence start that the document also writes in
                // lowercase, or never capitalizes elsewhere, is probably not a name.
                if initial && !isAllCaps && !doc.capitalizedInside.contains(words[0]) { return nil }
                if doc.lowercase.contains(lowerFirst) && !isAllCaps { return nil }
            } else if words.allSatisfy({ EntityCues.nonEntities.contains(Self.lower($0)) }) {
                return nil
            }
            addCues(
                words, tokens: tokens, start: start, end: start + words.count, isAllCaps: isAllCaps,
                lowerFirst: lowerFirst, lowerLast: lowerLast, into: &evidence)
            // A wire dateline: "ASHVALE, Westmark, Nov 20 (Meridian Wire) -" names a place,
            // the same one the text writes "Ashvale".
            if isAllCaps, start == 0, words[0].count > 3, tokens.count > 1,
                [",", "(", "-", "—", "–"].contains(tokens[1].text)
            {
                evidence.add(.location, 3)
                canonical = words[0].capitalized
                surface = words[0].capitalized
            }
        }
        return Mention(surface: surface, evidence: evidence, canonical: canonical)
    }

    func addCues(
        _ words: [String], tokens: [Token], start: Int, end: Int, isAllCaps: Bool, lowerFirst: String,
        lowerLast: String, into evidence: inout Evidence
    ) {
        let first = CueLists.of(lowerFirst), last = CueLists.of(lowerLast)
        if last.contains(.organizationHead) && words.count > 1 { evidence.add(.organization, 2.5) }
        if first.contains(.organizationLead) && words.contains("of") { evidence.add(.organization, 2) }
        if last.contains(.locationHead) && words.count > 1 { evidence.add(.location, 2) }
        if first.contains(.locationLead) && words.count > 1 { evidence.add(.location, 0.8) }
        if first.contains(.strongLocationLead) && words.count > 1 { evidence.add(.location, 3) }
        if first.contains(.miscLead) && words.count > 1 { evidence.add(.misc, 3) }
        // Firms named after partners: "Carrow & Finch", "Albright & Sayer".
        if words.contains("&") { evidence.add(.organization, 2) }
        if last.contains(.miscHead) && words.count > 1 { evidence.add(.misc, 2) }
        if gazetteer.givenNames.contains(words[0]) && words.count > 1 { evidence.add(.person, 2) }
        if isAllCaps { evidence.add(.organization, 1) }
        if words.contains(where: { $0.unicodeScalars.contains { ScalarDigits.isDigit($0) } }) {
            evidence.add(.misc, 1.2)
        }
        if words.count == 1 {
            // Peoples, faiths and movements: "Venezuelans", "Salvadoran", "Hinduism", "Marxist".
            for suffix in ["ians", "ans", "ian", "ese", "ish", "ism", "ist", "ists", "ans", "an", "ic"]
            where Self.hasSuffix(lowerLast, suffix) {
                evidence.add(.misc, suffix.count >= 3 ? 1.0 : 0.4)
                break
            }
        }
        // Compass words before a region: "Southern Africa", "Northern Kenya", "Central America".
        if words.count > 1, first.contains(.compass) { evidence.add(.location, 1.5) }
        // A known place inside a longer name suggests an organisation named after it ("Bank of Uganda").
        if words.count > 1, words.contains(where: { gazetteer.lookup($0)?.type == .location }) {
            evidence.add(.organization, 0.7)
        }
        if start > 0 {
            let before = Self.lower(tokens[start - 1].text)
            let beforeLists = CueLists.of(before)
            if beforeLists.contains(.locationPreposition) { evidence.add(.location, 0.8) }
            if before == "at" {
                evidence.add(.location, 0.3)
                evidence.add(.organization, 0.3)
            }
            if beforeLists.contains(.lowercaseRole) { evidence.add(.person, 1.5) }
            if before == "by" || before == "with" { evidence.add(.person, 0.3) }
            // "the town of Ashvale", "the island of Skerrin".
            if before == "of", start > 1, CueLists.of(Self.lower(tokens[start - 2].text)).contains(.placeNoun) {
                evidence.add(.location, 2)
            }
        }
        if end < tokens.count {
            let after = Self.lower(tokens[end].text)
            let afterLists = CueLists.of(after)
            if afterLists.contains(.speechVerb) { evidence.add(.person, 0.8) }
            if after == "administration" || after == "campaign" || after == "presidency" { evidence.add(.person, 1.5) }
            if after == "," && end + 1 < tokens.count {
                let next = Self.lower(tokens[end + 1].text)
                if next == "who" { evidence.add(.person, 1) }
                if next == "which" { evidence.add(.organization, 0.5) }
                if next == "a" || next == "the" { evidence.add(.person, 0.3) }
            }
            if after == "(" { evidence.add(.organization, 0.3) }
            if afterLists.contains(.productNoun) { evidence.add(.misc, 1.2) }
            if after == "government" { evidence.add(.location, 1) }
            // "Westmark's transport minister": a country's possessions.
            if Self.hasPossessive(tokens[end - 1].text), afterLists.contains(.countryPossession) {
                evidence.add(.location, 1)
            }
        }
        // Priors when nothing else spoke: two or three plain words read as a person's
        // name, one word as an organisation.
        let generic = words.contains { EntityCues.genericWords.contains(Self.lower($0)) }
        if words.count >= 2 && words.count <= 3 && !generic {
            evidence.add(.person, 0.6)
        } else if generic {
            evidence.add(.organization, 0.4)
        } else if words.count > 3 {
            evidence.add(.organization, 0.5)
        }
        if words.count == 1 { evidence.add(.organization, 0.3) }
    }
}

/// Digit test on scalars for names like "GPT-4".
enum ScalarDigits {
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
}

/// What a whole document says about its words: which it writes in lowercase,
/// which it capitalizes inside sentences.
struct DocumentEvidence {
    var lowercase: StringTable
    var capitalizedInside: StringTable

    init(_ paragraphs: [[Token]]) {
        let count = paragraphs.reduce(0) { $0 + $1.count }
        lowercase = StringTable(minimumCapacity: count / 3)
        capitalizedInside = StringTable(minimumCapacity: count / 16)
        for tokens in paragraphs {
            for (i, token) in tokens.enumerated() where token.kind == .word {
                if EntityRecognizer.isNameWord(token) {
                    if !EntityRecognizer.isSentenceInitial(tokens, i) {
                        capitalizedInside.insert(
                            EntityRecognizer.hasPossessive(token.text) ? String(token.text.dropLast(2)) : token.text)
                    }
                } else {
                    lowercase.insert(
                        token.text.utf8.contains { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }
                            ? EntityRecognizer.lower(token.text) : token.text)
                }
            }
        }
    }

    /// A paragraph in title case ("Singer Weds TV Star In Buenos Aires"): capitalization says nothing there.
    func isHeadline(_ tokens: [Token]) -> Bool {
        var words = 0
        var capitalized = 0
        for (index, token) in tokens.enumerated() where token.kind == .word {
            let isName = EntityRecognizer.isNameWord(token)
            if Stopwords.english.contains(isName ? EntityRecognizer.lower(token.text) : token.text) { continue }
            words += 1
            if isName {
                capitalized += 1
            } else {
                // Prose stops here: even if every token left were a capitalised word, fewer than
                // nine in ten would be (exact, in integers; the boundary itself is left to the end).
                let left = tokens.count - index - 1
                if 10 * (capitalized + left) < 9 * (words + left) { return false }
            }
        }
        return words >= 4 && Double(capitalized) / Double(words) > 0.9
    }
}
