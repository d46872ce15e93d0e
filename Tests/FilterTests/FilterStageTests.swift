import Foundation
import PipelineKit
import PipelineTesting
import Testing
@testable import Filter

@Suite("filter")
struct FilterStageTests {
    func verdict(_ options: [String: String], _ document: Document) throws -> Verdict {
        try StageHarness(FilterStage.self, options: options, date: "2026-11-20").process(document).verdict
    }

    let article = Document.text(
        "a", "Dock workers at the Port of Valmora ended their strike on Friday.\n\nCranes moved again by noon.",
        title: "Port strike ends", site: "Harbor Ledger", published: "2026-11-19")

    @Test("with no rules set, everything is kept")
    func defaults() throws {
        #expect(try verdict([:], article) == .keep)
    }

    @Test("languages keep matching prefixes, drop others, and pass unknown unless required")
    func languages() throws {
        var english = article
        english.language = "en-GB"
        var french = article
        french.language = "fr"
        #expect(try verdict(["languages": "en"], english) == .keep)
        #expect(try verdict(["languages": "en"], french) == .drop(reason: "filter: language fr is not one of en"))
        #expect(try verdict(["languages": "en"], article) == .keep)
        #expect(
            try verdict(["languages": "en", "require_language": "true"], article)
                == .drop(reason: "filter: language unknown"))
    }

    @Test("word counts bound the length")
    func length() throws {
        // 12 words in the first paragraph, 5 in the second.
        #expect(try verdict(["min_words": "17"], article) == .keep)
        #expect(try verdict(["min_words": "18"], article) == .drop(reason: "filter: 17 words, fewer than min_words 18"))
        #expect(try verdict(["max_words": "17"], article) == .keep)
        #expect(try verdict(["max_words": "10"], article) == .drop(reason: "filter: 17 words, more than max_words 10"))
    }

    @Test("sites are matched ignoring case")
    func sites() throws {
        #expect(try verdict(["sites": "harbor ledger"], article) == .keep)
        #expect(
            try verdict(["sites": "Meridian Post"], article)
                == .drop(reason: "filter: site Harbor Ledger is not listed in `sites`"))
        #expect(
            try verdict(["exclude_sites": "HARBOR LEDGER"], article)
                == .drop(reason: "filter: site Harbor Ledger is excluded"))
    }

    @Test("terms match whole words and phrases in title and text")
    func terms() throws {
        #expect(try verdict(["include_terms": "strike"], article) == .keep)
        #expect(try verdict(["include_terms": "port of valmora"], article) == .keep)
        #expect(
            try verdict(["include_terms": "strik"], article) == .drop(reason: "filter: mentions none of include_terms"))
        #expect(
            try verdict(["exclude_terms": "cranes"], article)
                == .drop(reason: "filter: mentions excluded term \"cranes\""))
        #expect(
            try verdict(["exclude_terms": "port strike"], article)
                == .drop(reason: "filter: mentions excluded term \"port strike\""))
    }

    @Test("dates compare with the run date; undated documents pass unless required")
    func dates() throws {
        #expect(try verdict(["max_age_days": "1"], article) == .keep)
        var old = article
        old.published = Timestamp.parse("2026-11-10")
        #expect(
            try verdict(["max_age_days": "3"], old)
                == .drop(reason: "filter: published 2026-11-10, more than 3 days before the run date"))
        #expect(
            try verdict(["since": "2026-11-20"], article)
                == .drop(reason: "filter: published 2026-11-19, before 2026-11-20"))
        #expect(
            try verdict(["until": "2026-11-18"], article)
                == .drop(reason: "filter: published 2026-11-19, after 2026-11-18"))
        var undated = article
        undated.published = nil
        #expect(try verdict(["max_age_days": "3"], undated) == .keep)
        #expect(
            try verdict(["max_age_days": "3", "require_date": "true"], undated)
                == .drop(reason: "filter: no publication date"))
    }

    @Test("contradictory or malformed options are refused when the pipeline loads")
    func badOptions() {
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(FilterStage.self, options: ["min_words": "50", "max_words": "10"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(FilterStage.self, options: ["since": "2026-11-30", "until": "2026-11-01"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(FilterStage.self, options: ["since": "last week"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(FilterStage.self, options: ["max_age_days": "-1"])
        }
    }
}
