import Foundation
import PipelineKit

/// Keeps or drops documents by language, length, site, terms and date.
///
/// Every rule is off by default; each one that is set must pass. A dropped
/// document's reason names the rule, so the rejects file says why.
///
/// ```yaml
/// - filter:
///     languages: [en]
///     min_words: 120
///     exclude_sites: [Aggregator Daily]
///     exclude_terms: [horoscope, "sponsored content"]
///     max_age_days: 3
/// ```
public struct FilterStage: DocumentStage {
    public static let name = "filter"
    public static let abstract = "Keeps or drops documents by language, length, site, terms and date."
    public static let discussion = """
        Each rule that is set must pass for a document to be kept; rules left at their defaults do \
        nothing. Terms match whole words or phrases, ignoring case, in the title, the text and (after \
        extract) the entities and keywords. Documents without a language or date pass those rules unless \
        `require_language` / `require_date` is set. Dates compare with the run's date (`--date`).
        """
    public static let contract = StageContract(requires: [.text])

    public struct Options: StageOptions {
        public var languages: [String] = []
        public var requireLanguage = false
        public var minWords = 0
        public var maxWords: Int?
        public var sites: [String] = []
        public var excludeSites: [String] = []
        public var includeTerms: [String] = []
        public var excludeTerms: [String] = []
        public var maxAgeDays: Int?
        public var since: String?
        public var until: String?
        public var requireDate = false

        public init() {}

        public static let declarations: [OptionDeclaration<Options>] = [
            .init(
                "languages", \.languages,
                help: "Keep only these languages (BCP 47 prefixes: `en` matches `en-GB`); empty keeps all."),
            .init(
                "require_language", \.requireLanguage,
                help: "Drop documents whose language is unknown when `languages` is set."),
            .init("min_words", \.minWords, range: 0...1_000_000, help: "Drop documents with fewer words of text."),
            .init(
                "max_words", \.maxWords, help: "Drop documents with more words of text.",
                check: { $0.map { $0 < 1 ? "must be at least 1" : nil } ?? nil }),
            .init(
                "sites", \.sites,
                help: "Keep only documents from these sites (by `site`, ignoring case); empty keeps all."),
            .init("exclude_sites", \.excludeSites, help: "Drop documents from these sites."),
            .init(
                "include_terms", \.includeTerms,
                help: "Keep only documents that mention at least one of these words or phrases."),
            .init("exclude_terms", \.excludeTerms, help: "Drop documents that mention any of these words or phrases."),
            .init(
                "max_age_days", \.maxAgeDays,
                help: "Drop documents published more than this many days before the run date.",
                check: { $0.map { $0 < 0 ? "must not be negative" : nil } ?? nil }),
            .init(
                "since", \.since, help: "Drop documents published before this day (YYYY-MM-DD).",
                check: Options.checkDay),
            .init(
                "until", \.until, help: "Drop documents published after this day (YYYY-MM-DD), inclusive.",
                check: Options.checkDay),
            .init(
                "require_date", \.requireDate,
                help: "Drop documents without a publication date when a date rule is set."),
        ]

        @Sendable static func checkDay(_ value: String?) -> String? {
            guard let value else { return nil }
            return value.count == 10 && Timestamp.parse(value) != nil ? nil : "`\(value)` is not a day (YYYY-MM-DD)"
        }

        public func validate() throws(OptionError) {
            if let maxWords, maxWords < minWords {
                throw OptionError("max_words (\(maxWords)) is below min_words (\(minWords))")
            }
            if let since, let until, since > until { throw OptionError("since (\(since)) is after until (\(until))") }
        }
    }

    let options: Options
    let includeTerms: [[Substring]]
    let excludeTerms: [[Substring]]
    let sites: Set<String>
    let excludeSites: Set<String>

    public init(options: Options, context: StageSetup) throws {
        self.options = options
        includeTerms = options.includeTerms.map(Self.words)
        excludeTerms = options.excludeTerms.map(Self.words)
        sites = Set(options.sites.map { $0.lowercased() })
        excludeSites = Set(options.excludeSites.map { $0.lowercased() })
    }

    public func process(_ document: inout Document, context: StageContext) throws -> Verdict {
        if let reason = languageRule(document) ?? lengthRule(document) ?? siteRule(document)
            ?? termRule(document) ?? dateRule(document, runDay: context.runDay)
        {
            return .drop(reason: "filter: " + reason)
        }
        return .keep
    }

    // MARK: Rules (nil: passes)

    func languageRule(_ document: Document) -> String? {
        guard !options.languages.isEmpty else { return nil }
        guard let language = document.language?.lowercased() else {
            return options.requireLanguage ? "language unknown" : nil
        }
        let matches = options.languages.contains { wanted in
            let wanted = wanted.lowercased()
            return language == wanted || language.hasPrefix(wanted + "-")
        }
        return matches ? nil : "language \(language) is not one of \(options.languages.joined(separator: ", "))"
    }

    func lengthRule(_ document: Document) -> String? {
        let words = document.text.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
        if words < options.minWords { return "\(words) words, fewer than min_words \(options.minWords)" }
        if let maxWords = options.maxWords, words > maxWords {
            return "\(words) words, more than max_words \(maxWords)"
        }
        return nil
    }

    func siteRule(_ document: Document) -> String? {
        let site = document.site?.lowercased()
        if let site, excludeSites.contains(site) { return "site \(document.site ?? "") is excluded" }
        if !sites.isEmpty, !(site.map(sites.contains) ?? false) {
            return "site \(document.site ?? "unknown") is not listed in `sites`"
        }
        return nil
    }

    func termRule(_ document: Document) -> String? {
        guard !includeTerms.isEmpty || !excludeTerms.isEmpty else { return nil }
        let haystack = Self.words(
            ([document.title ?? ""] + document.text + document.entities.map(\.text)
                + document.keywords.map(\.term)).joined(separator: " \n "))
        if let hit = excludeTerms.first(where: { Self.contains(haystack, $0) }) {
            return "mentions excluded term \"\(hit.joined(separator: " "))\""
        }
        if !includeTerms.isEmpty, !includeTerms.contains(where: { Self.contains(haystack, $0) }) {
            return "mentions none of include_terms"
        }
        return nil
    }

    func dateRule(_ document: Document, runDay: Date) -> String? {
        guard options.maxAgeDays != nil || options.since != nil || options.until != nil else { return nil }
        guard let published = document.published else {
            return options.requireDate ? "no publication date" : nil
        }
        let day = Timestamp.day(published)
        if let maxAge = options.maxAgeDays, published < runDay.addingTimeInterval(-Double(maxAge) * 86400) {
            return "published \(day), more than \(maxAge) days before the run date"
        }
        if let since = options.since, day < since { return "published \(day), before \(since)" }
        if let until = options.until, day > until { return "published \(day), after \(until)" }
        return nil
    }

    // MARK: Matching

    /// Lowercased words: letters and digits, split on everything else.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }

    /// Whether `phrase` occurs as consecutive words in `words`.
    static func contains(_ words: [Substring], _ phrase: [Substring]) -> Bool {
        guard let first = phrase.first, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == first {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
