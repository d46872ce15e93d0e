import Foundation
import PipelineKit
import PipelineTesting

/// Articles we wrote for the cluster tests, in the style of a day's inbox:
/// one story told by two outlets in different words, an article with the same
/// actors about a different event, a wire copy syndicated twice, and
/// unrelated news around them.
enum ClusterFixtures {
    /// Outlet one on export curbs and China's AI progress.
    static let ledgerCurbs = Document.text(
        "harbour-ledger/ai-race.html",
        """
        Chinese artificial intelligence labs have narrowed the gap with American rivals despite Washington's \
        export controls on advanced chips, according to researchers who track the race.

        Alibaba and Tencent released models in December that rank close to the best American systems on \
        public benchmarks. Startup DeepSeek trained its latest model on a fraction of the computing power \
        used by OpenAI, its engineers wrote.

        Former Google chief executive Eric Schmidt said the speed of China's progress had surprised him. \
        Lennart Heim, a researcher who studies computing power, said the controls raise costs for Chinese \
        labs but do not stop them.

        The Commerce Department has tightened the rules three times since 2022, barring Nvidia from selling \
        its fastest processors to Chinese buyers.
        """,
        title: "China's AI labs close in on US rivals despite chip curbs | Harbour Ledger", site: "Harbour Ledger",
        published: "2025-01-09T07:10:00Z")

    /// Outlet two on the same story, worded its own way.
    static let meridianCurbs = Document.text(
        "meridian-wire/china-ai-progress.txt",
        """
        Beijing's push to lead in artificial intelligence is gaining ground even as U.S. export controls \
        limit its access to top-end chips, a review of recent model releases shows.

        DeepSeek, a young Hangzhou company, built a model that matches leading American systems while \
        spending far less on computing power. Alibaba and Tencent have also shipped models that score \
        near the top of public leaderboards.

        Eric Schmidt, who once ran Google, warned that China's progress was faster than Washington had \
        expected. Lennart Heim said the export controls make Chinese training runs costlier, not impossible.

        Nvidia has been barred since 2022 from shipping its most powerful processors to China under the \
        Commerce Department rules.
        """,
        title: "China's AI progress defies U.S. export controls - Meridian Wire", site: "Meridian Wire",
        published: "2025-01-09T06:55:00Z")

    /// Same actors (Nvidia, China, export rules), different event: a product launch.
    static let nvidiaLaunch = Document.text(
        "signal-circuit/nvidia-new-chip.html",
        """
        Nvidia unveiled a new graphics processor for gamers on Tuesday at a launch event in Las Vegas, \
        promising faster frame rates and lower power draw for laptops.

        The company said the card would go on sale in March at a starting price of 549 dollars. Reviewers \
        who tested early units praised its ray tracing and quiet cooling fans.

        A version with less memory will be sold in China, where the company said demand from gamers \
        and internet cafes remains strong. Shares rose two percent in after-hours trading.

        Chief executive Jensen Huang showed the card running three new games and a video editing suite \
        on stage.
        """,
        title: "Nvidia unveils faster gaming card for laptops | Signal Circuit", site: "Signal Circuit",
        published: "2025-01-07T18:30:00Z")

    /// A second outlet on the same launch, so both events have two tellings.
    static let nvidiaLaunchReview = Document.text(
        "lumen-brief/nvidia-laptop-card.txt",
        """
        The new laptop graphics card Nvidia showed in Las Vegas this week is the fastest it has made for \
        thin machines, and it draws noticeably less power than last year's model.

        In early tests the card ran new games at high frame rates with ray tracing switched on, and the fans \
        stayed quiet under load. It goes on sale in March from 549 dollars.

        Jensen Huang told the launch audience that gamers in China would get a version with less memory. \
        Investors liked what they saw: the shares rose in late trading.
        """,
        title: "Nvidia's new laptop card is fast and frugal", site: "Lumen Brief",
        published: "2025-01-08T09:00:00Z")

    /// A wire report, then two outlets' copies of it with their own top and tail.
    static let wireParagraphs = [
        """
        Heavy rain flooded streets across the river valley on Sunday, forcing the closure of two bridges and the evacuation of about 300 homes near the old mill district.
        """,
        """
        Emergency crews used boats to reach residents trapped on upper floors, the county fire service said, adding that no deaths had been reported by nightfall.
        """,
        """
        Forecasters expect another 40 millimetres of rain by Tuesday, and the river is not due to peak until Monday evening, when levees near the harbour will face their sternest test.
        """,
        """
        Schools in the valley will stay closed on Monday and the regional rail operator has suspended services on the coastal line until the tracks can be inspected.
        """,
    ]

    static func wireCopy(_ id: String, site: String, intro: String, published: String) -> Document {
        Document.text(
            id, ([intro] + wireParagraphs).joined(separator: "\n\n"),
            title: "Floods close bridges as river valley evacuates", site: site, published: published)
    }

    static let floodsValley = wireCopy(
        "valley-courier/floods.html", site: "Valley Courier", intro: "From our newsroom, with wire reports.",
        published: "2025-01-12T09:00:00Z")
    static let floodsTidewater = wireCopy(
        "tidewater-times/floods.html", site: "Tidewater Times", intro: "Updated with the latest from the county.",
        published: "2025-01-12T08:20:00Z")

    /// Unrelated news: the rest of the day.
    static let councilBudget = Document.text(
        "pinecrest-herald/council-budget.html",
        """
        The city council approved a budget on Monday that raises spending on road repairs and libraries \
        while freezing the property tax rate for a third year.

        Councillors voted seven to two after a four-hour debate in which residents asked for more bus routes \
        to the hospital and longer opening hours at the public pool.

        The mayor said the plan balanced the books without cutting services, though two councillors warned \
        that pension costs would squeeze next year's budget.
        """,
        title: "Council passes budget with road and library money", site: "Pinecrest Herald",
        published: "2025-01-13T17:00:00Z")

    static let cupFinal = Document.text(
        "bayline-news/cup-final.html",
        """
        Harbour United won the regional cup on Saturday, beating Northgate Rovers two goals to one with a \
        header in the final minute of extra time.

        The winning goal came from a corner taken by the captain, who had missed a penalty earlier in the \
        match. Around eleven thousand supporters filled the stadium despite the cold.

        It is the club's first trophy in twelve years, and the manager dedicated the win to the youth players \
        who joined the squad this season.
        """,
        title: "Late header wins cup for Harbour United", site: "Bayline News",
        published: "2025-01-11T21:45:00Z")

    static let museumReopens = Document.text(
        "lumen-brief/museum.html",
        """
        The maritime museum reopened its doors on Friday after an eighteen-month renovation that added a \
        new gallery of ship models and restored the original glass roof.

        Visitors queued around the block to see the restored lighthouse lens, which had been in storage \
        since the museum closed. Entry stays free for children under twelve.

        Curators said the next exhibition, on the history of the harbour's fishing fleet, will open in the \
        spring with photographs lent by local families.
        """,
        title: "Maritime museum reopens after renovation", site: "Lumen Brief",
        published: "2025-01-10T10:00:00Z")

    /// The whole day, in a fixed order.
    static var day: [Document] {
        [
            ledgerCurbs, meridianCurbs, nvidiaLaunch, floodsValley, floodsTidewater, councilBudget, cupFinal,
            museumReopens,
        ]
    }
}
