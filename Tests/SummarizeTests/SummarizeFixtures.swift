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
        Story(
            id: "s-ferry", members: [strikeA.id, strikeB.id],
            entities: [
                Entity(text: "Skerrin", type: .location, count: 5),
                Entity(text: "Northsound Ferries", type: .organization, count: 3),
            ],
            keywords: [Keyword(term: "ferry strike", score: 0.9), Keyword(term: "union", score: 0.5)],
            outlets: ["Harbour Ledger", "Meridian Wire"])
    }

    /// Three outlets on one mill closure, each opening with the same figure in its own words
    /// (1,450 jobs) and each adding something the others do not say.
    static let millA = Document.text(
        "tamsin-courier/mill-closure.html",
        """
        Brackenford Textiles will close its Tamsin mill in March, putting 1,450 jobs at risk, the company said on Monday.

        The mill, which opened in 1962, makes upholstery fabric for furniture makers across the region.

        Union leaders called the decision a betrayal of a town that had kept the mill running through two recessions.

        The company blamed a 40 percent rise in energy costs over two years and falling orders from abroad.
        """,
        title: "Brackenford to close Tamsin mill with 1,450 jobs lost", site: "Tamsin Courier",
        published: "2026-11-16T10:00:00Z")
    static let millB = Document.text(
        "eastbank-observer/brackenford-jobs.html",
        """
        About 1,450 workers will lose their jobs when Brackenford Textiles shuts its mill in Tamsin next March.

        Brackenford said its energy bills had risen by 40 percent and that the mill had lost money for three years.

        The town council asked the government for a rescue fund to help the families affected.

        Workers gathered outside the mill gates on Monday evening, many still in their overalls.
        """,
        title: "Tamsin mill workers face job losses as Brackenford shuts plant", site: "Eastbank Observer",
        published: "2026-11-16T11:00:00Z")
    static let millC = Document.text(
        "harbour-ledger/tamsin-mill.html",
        """
        The closure of the Tamsin mill will cost 1,450 jobs, Brackenford Textiles announced on Monday.

        Shopkeepers on the high street said they feared losing the trade that the mill's shifts bring every day.

        The regional development agency offered retraining places for 300 workers and said more would follow.

        Brackenford's chief executive, Odile Marsh, said the decision had been the hardest of her career.
        """,
        title: "Closure of Tamsin mill leaves town facing an uncertain winter", site: "Harbour Ledger",
        published: "2026-11-16T12:00:00Z")

    static func millStory() -> Story {
        Story(
            id: "s-mill", members: [millA.id, millB.id, millC.id],
            entities: [
                Entity(text: "Brackenford Textiles", type: .organization, count: 4),
                Entity(text: "Tamsin", type: .location, count: 5),
            ],
            keywords: [Keyword(term: "mill closure", score: 0.9), Keyword(term: "jobs", score: 0.6)],
            outlets: ["Eastbank Observer", "Harbour Ledger", "Tamsin Courier"])
    }
}
