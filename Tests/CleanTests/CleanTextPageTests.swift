import Foundation
import PipelineKit
import Testing

@testable import Clean

/// Plain-text page dumps in the two shapes of the seed pages, written for these tests.
@Suite("clean on plain-text page dumps")
struct CleanTextPageTests {
    /// A portal page: breadcrumb, headline, dateline, a teaser that glues the
    /// headline to the first sentence, the article with numbered headings and a
    /// repeated headline (an image caption), then tag, disclaimer, site name,
    /// address, copyright, "Powered by" and QR-code lines.
    static let portalPage = """
        Home > News list > Science >> Coastal research

        Harbour Seals Return to the Estuary: A Decade of Monitoring Pays Off

        Coastal research 2025-02-14 09:12:05 Source:

        Harbour Seals Return to the Estuary: A Decade of Monitoring Pays OffIn 2015, the estuary counted fewer than forty harbour seals. Ten years on, the number has tripled

        Harbour Seals Return to the Estuary: A Decade of Monitoring Pays Off

        In 2015, the estuary counted fewer than forty harbour seals. Ten years on, the number has tripled, and researchers say cleaner water and quieter shipping lanes explain most of the recovery. This report looks at what changed and what could still go wrong.

        I. Counting From the Air

        Every August since 2015, a small plane has flown the same route over the sandbanks at low tide, photographing every seal hauled out on the mud. Volunteers count them from the pictures, and each count is checked by a second person.

        Harbour Seals Return to the Estuary: A Decade of Monitoring Pays Off

        II. What Changed

        The largest change was the closure of the outfall at Marsh End in 2017, which had carried untreated water into the channel for decades. Fish came back within two seasons, and the seals followed the fish.

        Dr. Ines Calder, who has led the survey since it began, said the numbers should not make anyone complacent, because a single oil spill could undo the recovery in a week.

        Tag: Harbour Seals Estuary Monitoring

        Disclaimer: The content of this article comes from the internet. The copyright of the text and images belongs to the original author. The platform reprints it to convey more information and it is for reference only. Contact us and we will remove it.

        SeaPortal

        http://www.seaportal.example

        Copyright @ 2009~2025 All Rights Reserved.

        Powered By SeaPortal

        Open your phone and scan the QR code on it to open the mobile version

        Scan WeChat QR code

        Follow us for more hot news

        SeaPortal Technical Support
        """

    /// A news aggregator page: language picker, dateline, view counter,
    /// headline, a "summary" label and summary, the article split by a page
    /// break in mid-sentence, a video prompt, promos, and a "Hot news" list of
    /// dated teasers.
    static let aggregatorPage = """
        lang icon English
        Feb. 14, 2025, 9:40 a.m.
        5120

        Seal Numbers Triple in Estuary After Outfall Closure

        Brief news summary

        Researchers counting harbour seals in the estuary say the population has tripled since 2015, crediting the closure of a sewage outfall and quieter shipping lanes. They warn that one oil spill could reverse the gains, and want the aerial survey funded for another decade.

        Harbour seals have made a striking comeback in the estuary, according to a survey that has counted them from the air every August since 2015. Fewer than forty animals were seen in the first year; last summer volunteers counted more than one hundred and twenty on the sandbanks at low tide. The survey's leader, Dr. Ines Calder, credits the closure of the Marsh End outfall in 2017 and the rerouting of

        container traffic away from the haul-out sites. Fish stocks recovered within two seasons of the closure, and the seals followed. Calder cautioned that a single oil spill could undo the recovery and asked the regional council to fund the survey for another ten years.

        Watch video about

        Seal Numbers Triple in Estuary After Outfall Closure

        Try our premium plan and start publishing for free — no card needed

        I'm your writing assistant.
        Shall we draft a post about this story?

        Language

        Hot news

        Feb. 14, 2025, 9:21 a.m.

        Wind Farm Cable Route Approved After Two-Year Dispute…

        The regional planning board approved the cable route for the offshore wind farm on Thursday, ending a dispute with fishermen that had lasted two years and delayed construction.

        Feb. 14, 2025, 8:02 a.m.

        Ferry Operator Orders Two Electric Vessels for Bay Crossing

        The bay's ferry operator has ordered two battery-electric vessels, which it says will cut the crossing's emissions by ninety percent when they enter service in 2027.

        All news

        Launch your AI-powered newsroom in minutes

        Begin publishing today
        """

    @Test("breadcrumbs are recognised by each separator; prose with a slash or a quote mark is not one")
    func breadcrumbSeparators() {
        #expect(TextPageExtractor.isBreadcrumb("Home » Business » Ports"))
        #expect(TextPageExtractor.isBreadcrumb("News › Region › Valley towns"))
        #expect(TextPageExtractor.isBreadcrumb("Home | Sport | Football"))
        #expect(TextPageExtractor.isBreadcrumb("Home / Money"))
        #expect(
            !TextPageExtractor.isBreadcrumb(
                "The council said the 24/7 service would “stay open” over the winter, whatever the cost to ratepayers.")
        )
        #expect(!TextPageExtractor.isBreadcrumb("Ferry crews walked out on Tuesday — the first strike since 2019."))
        let longProse = String(repeating: "Dock workers / crane drivers said the plan was late. ", count: 8)
        #expect(!TextPageExtractor.isBreadcrumb(longProse))
    }

    @Test("a portal page dump comes out as its article: headline as title, dateline as date, furniture gone")
    func portalPage() throws {
        let (document, verdict) = try Fixtures.cleanText(Self.portalPage)
        #expect(verdict == .keep)
        #expect(document.title == "Harbour Seals Return to the Estuary: A Decade of Monitoring Pays Off")
        #expect(document.published.map(Timestamp.iso8601) == "2025-02-14T09:12:05Z")
        #expect(
            document.text == [
                "In 2015, the estuary counted fewer than forty harbour seals. Ten years on, the number has tripled, and researchers say cleaner water and quieter shipping lanes explain most of the recovery. This report looks at what changed and what could still go wrong.",
                "I. Counting From the Air",
                "Every August since 2015, a small plane has flown the same route over the sandbanks at low tide, photographing every seal hauled out on the mud. Volunteers count them from the pictures, and each count is checked by a second person.",
                "II. What Changed",
                "The largest change was the closure of the outfall at Marsh End in 2017, which had carried untreated water into the channel for decades. Fish came back within two seasons, and the seals followed the fish.",
                "Dr. Ines Calder, who has led the survey since it began, said the numbers should not make anyone complacent, because a single oil spill could undo the recovery in a week.",
            ])
        #expect(document.language == "en")
    }

    @Test(
        "an aggregator page dump keeps the article only: the site's summary goes, the split paragraph is rejoined, the teaser list dropped"
    )
    func aggregatorPage() throws {
        let (document, verdict) = try Fixtures.cleanText(Self.aggregatorPage)
        #expect(verdict == .keep)
        #expect(document.title == "Seal Numbers Triple in Estuary After Outfall Closure")
        #expect(document.published.map(Timestamp.iso8601) == "2025-02-14T09:40:00Z")
        #expect(document.text.count == 1)
        #expect(!document.joinedText.contains("Researchers counting harbour seals"))
        #expect(document.text.first?.hasPrefix("Harbour seals have made a striking comeback") == true)
        #expect(document.text.last?.contains("rerouting of container traffic away") == true)
        #expect(document.text.last?.hasSuffix("for another ten years.") == true)
        for furniture in [
            "English", "5120", "Brief news summary", "Watch video", "premium", "writing assistant",
            "Hot news", "Wind Farm", "Ferry Operator", "All news", "newsroom",
        ] {
            #expect(!document.joinedText.contains(furniture), "\(furniture) should have been dropped")
        }
    }

    /// A portal dump whose teaser glues the headline to the WHOLE lede (not a cut-off copy),
    /// with a "Statement:" reprint notice and the site's name over its address.
    static let gluedLedePage = """
        Home > News list > Region >> Towns

        Bridge Repairs Approved: Cost, Closures and the Ferry Stopgap

        Towns 2026-03-02 08:15:00 Source:Bayside Record regional desk

        Bridge Repairs Approved: Cost, Closures and the Ferry StopgapThe county board has approved $48 million of repairs to the Old Mill bridge, which will close to cars for eight months from June. A temporary ferry will carry foot passengers across the river while the work goes on.

        Bridge Repairs Approved: Cost, Closures and the Ferry Stopgap

        The county board has approved $48 million of repairs to the Old Mill bridge, which will close to cars for eight months from June. A temporary ferry will carry foot passengers across the river while the work goes on.

        I. What will be done

        Engineers will replace the bridge's deck and two of its four piers, which inspectors found cracked last winter after a barge struck them in a storm. The steel railings will be replaced with concrete barriers along the whole span.

        II. Who pays

        The state will pay two thirds of the cost and the county the rest, partly from a bond that voters approved in November. The board said the final bill would be known once the tender closes in April.

        Tag: bridge repairs county board ferry

        Statement: Stories on this site are collected from public sources and republished only to share information. Copyright in the words and pictures remains with their authors. If a story infringes your rights, write to us and it will be taken down.

        Bayside Record

        http://www.baysiderecord.example

        Copyright @ 2010~2026 Bayside Record All Rights Reserved.
        """

    @Test("a headline glued to a full copy of the lede: the glued copy goes, the lede stays once, without the headline")
    func gluedHeadline() throws {
        let (document, verdict) = try Fixtures.cleanText(Self.gluedLedePage)
        #expect(verdict == .keep)
        #expect(document.title == "Bridge Repairs Approved: Cost, Closures and the Ferry Stopgap")
        #expect(document.text.first?.hasPrefix("The county board has approved $48 million") == true)
        #expect(document.text.filter { $0.contains("The county board has approved") }.count == 1)
        #expect(!document.joinedText.contains("StopgapThe"))
        #expect(document.text.last?.hasPrefix("The state will pay two thirds") == true)
        #expect(!document.joinedText.contains("Statement"))
        #expect(!document.joinedText.contains("infringes"))
    }

    @Test("a headline glued to the only copy of the lede is split off it")
    func gluedHeadlineOnlyCopy() {
        let title = "Bridge Repairs Approved: Cost, Closures and the Ferry Stopgap"
        #expect(
            TextPageExtractor.withoutGluedTitle(title + "The county board has approved repairs.", title: title)
                == "The county board has approved repairs.")
        #expect(
            TextPageExtractor.withoutGluedTitle("The county board has approved repairs.", title: title)
                == "The county board has approved repairs.")
    }

    @Test("a page dump names its site: the copyright line's name, else the name over the site's address")
    func siteName() throws {
        let (document, _) = try Fixtures.cleanText(Self.gluedLedePage)
        #expect(document.site == "Bayside Record")
        // seed-000 shape: the copyright line names nobody, the line over the address does.
        let (portal, _) = try Fixtures.cleanText(Self.portalPage)
        #expect(portal.site == "SeaPortal")
        // No name anywhere: nothing is made up.
        let (aggregator, _) = try Fixtures.cleanText(Self.aggregatorPage)
        #expect(aggregator.site == nil)
    }

    @Test("text without page furniture passes through whole, short lines included")
    func cleanTextPassesThrough() throws {
        let text = """
            Council approves harbour budget

            The council approved the harbour budget on Monday after a six-hour meeting.

            Votes: 9 to 4.

            The new pier will be finished in 2026, officials said.
            """
        let (document, _) = try Fixtures.cleanText(text)
        #expect(
            document.text == [
                "Council approves harbour budget",
                "The council approved the harbour budget on Monday after a six-hour meeting.",
                "Votes: 9 to 4.",
                "The new pier will be finished in 2026, officials said.",
            ])
    }

    @Test("hard-wrapped prose is joined into paragraphs")
    func wrappedProse() {
        let text =
            "The survey plane flies the same route every August over the\nsandbanks at low tide, photographing every seal on the mud.\n\nNext paragraph."
        #expect(
            TextPageExtractor.splitParagraphs(text) == [
                "The survey plane flies the same route every August over the sandbanks at low tide, photographing every seal on the mud.",
                "Next paragraph.",
            ])
    }
}
