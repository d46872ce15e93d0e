import Foundation
import PipelineKit
import PipelineTesting

/// Articles we wrote for the summarize tests.
enum SummarizeFixtures {
    /// A council story with page furniture mixed into its paragraphs.
    static let bridge = Document.text(
        "ridgeway-chronicle/bridge.html",
        """
        RIDGEWAY, NOV 19

        The county council voted on Tuesday to close the Old Mill bridge to heavy lorries after engineers \
        found cracks in two of its stone arches during a routine inspection.

        Click here to sign up for our morning newsletter.

        Engineers said the cracks were not dangerous to cars or pedestrians, but that the weight of lorries \
        crossing several hundred times a day could widen them over the winter.

        Photo: The Old Mill bridge at dusk. Getty Images

        Hauliers will have to use the ring road, adding about twenty minutes to journeys between the quarry \
        and the motorway, the council's transport officer said.

        Repairs are expected to cost 1.8 million pounds and to take most of next year, with work starting \
        once the council has chosen a contractor in the spring.

        Local residents welcomed the ban, saying the lorries had shaken their windows for years and made the \
        narrow lanes near the school unsafe for children.

        The council will review the weight limit once the arches have been strengthened.
        """,
        title: "Old Mill bridge closed to lorries after cracks found", site: "Ridgeway Chronicle",
        published: "2026-11-19T16:00:00Z")

    /// Two outlets on one ferry strike, each with a fact the other lacks,
    /// plus a syndicated sentence both carry.
    static let strikeA = Document.text(
        "harbour-ledger/ferry-strike.html",
        """
        Ferry crews on the Skerrin route walked out for a third day on Wednesday, leaving the island without \
        a passenger service as talks between the union and Northsound Ferries broke down again.

        The union says its members have not had a pay rise in four years and that rosters leave crews working \
        fourteen-hour shifts in winter.

        Shops on Skerrin reported running low on fresh milk and bread by Wednesday afternoon.
        """,
        title: "Ferry strike enters third day as Skerrin shelves run low", site: "Harbour Ledger",
        published: "2026-11-19T12:00:00Z")
    static let strikeB = Document.text(
        "meridian-wire/ferry-strike.txt",
        """
        Ferry crews on the Skerrin route walked out for a third day on Wednesday, leaving the island without \
        a passenger service as talks between the union and Northsound Ferries broke down again.

        The government said it had chartered a landing craft to carry food, medicine and fuel to the island \
        from Thursday morning while the strike lasts.

        Northsound Ferries said it had offered a three percent rise and called on the union to return to talks.
        """,
        title: "Government charters landing craft as Skerrin ferry walkout reaches day three", site: "Meridian Wire",
        published: "2026-11-19T13:30:00Z")

    static func strikeStory() -> Story {
        Story(id: "s-ferry", members: [strikeA.id, strikeB.id],
              entities: [Entity(text: "Skerrin", type: .location, count: 5),
                         Entity(text: "Northsound Ferries", type: .organization, count: 3)],
              keywords: [Keyword(term: "ferry strike", score: 0.9), Keyword(term: "union", score: 0.5)],
              outlets: ["Harbour Ledger", "Meridian Wire"])
    }
}
