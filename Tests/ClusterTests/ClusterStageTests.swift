import Foundation
import PipelineKit
import PipelineTesting
import Testing

@testable import Cluster

@Suite("cluster")
struct ClusterStageTests {
    func run(_ documents: [Document], options: [String: String] = [:]) async throws -> Batch {
        let harness = try StageHarness(ClusterStage.self, options: options)
        return try await harness.process(Batch(documents: documents))
    }

    func storyOf(_ id: String, in batch: Batch) -> String? {
        batch.documents.first { $0.id == id }?.story
    }

    @Test("two outlets telling one story in different words land in one story")
    func sameStoryTwoOutlets() async throws {
        let batch = try await run(ClusterFixtures.day)
        let story = try #require(storyOf(ClusterFixtures.ledgerCurbs.id, in: batch))
        #expect(storyOf(ClusterFixtures.meridianCurbs.id, in: batch) == story)
        let built = try #require(batch.stories.first { $0.id == story })
        #expect(built.outlets == ["Harbour Ledger", "Meridian Wire"])
        #expect(Set(built.members) == [ClusterFixtures.ledgerCurbs.id, ClusterFixtures.meridianCurbs.id])
    }

    @Test("an article with the same actors about a different event stays out of the story")
    func sameActorsDifferentEvent() async throws {
        let batch = try await run(ClusterFixtures.day)
        let story = try #require(storyOf(ClusterFixtures.ledgerCurbs.id, in: batch))
        #expect(storyOf(ClusterFixtures.nvidiaLaunch.id, in: batch) != story)
    }

    @Test("two tight stories about one company, each told twice, stay two stories")
    func twoStoriesSameCompany() async throws {
        let batch = try await run(ClusterFixtures.day + [ClusterFixtures.nvidiaLaunchReview])
        let curbs = try #require(storyOf(ClusterFixtures.ledgerCurbs.id, in: batch))
        let launch = try #require(storyOf(ClusterFixtures.nvidiaLaunch.id, in: batch))
        #expect(curbs != launch)
        #expect(storyOf(ClusterFixtures.nvidiaLaunchReview.id, in: batch) == launch)
        #expect(storyOf(ClusterFixtures.meridianCurbs.id, in: batch) == curbs)
    }

    @Test("a story that took in an earlier day's articles is headed and credited by today's")
    func carriedMembersLinkButDoNotHead() async throws {
        // Yesterday's article (carried in by the runtime) is the most central of
        // the two; today's, in other words, joins its story.
        var yesterday = ClusterFixtures.ledgerCurbs
        yesterday.carriedFromStory = "s-earlier"
        let batch = try await run([yesterday, ClusterFixtures.meridianCurbs])
        let story = try #require(batch.stories.first)
        #expect(Set(story.members) == [yesterday.id, ClusterFixtures.meridianCurbs.id])
        let todays = try #require(ClusterFixtures.meridianCurbs.title)
        #expect(story.headline.map { todays.hasPrefix($0) } == true, "\(story.headline ?? "nil")")
        #expect(story.outlets == ["Meridian Wire"])
        // Without the mark, both outlets are credited.
        let plain = try await run([ClusterFixtures.ledgerCurbs, ClusterFixtures.meridianCurbs])
        #expect(plain.stories.first?.outlets == ["Harbour Ledger", "Meridian Wire"])
    }

    @Test("unrelated articles stay plain documents, not one-article stories")
    func singletonsStayDocuments() async throws {
        let batch = try await run(ClusterFixtures.day)
        for id in [
            ClusterFixtures.nvidiaLaunch.id, ClusterFixtures.councilBudget.id, ClusterFixtures.cupFinal.id,
            ClusterFixtures.museumReopens.id,
        ] {
            #expect(storyOf(id, in: batch) == nil, "\(id)")
        }
        #expect(batch.stories.count == 2)
        let everyone = try await run(ClusterFixtures.day, options: ["min_size": "1"])
        #expect(everyone.stories.count == 6)
        #expect(everyone.documents.allSatisfy { $0.story != nil })
    }

    @Test("a syndicated copy is marked duplicate_of the earliest copy and shares its story")
    func nearDuplicates() async throws {
        let batch = try await run(ClusterFixtures.day)
        let valley = try #require(batch.documents.first { $0.id == ClusterFixtures.floodsValley.id })
        let tidewater = try #require(batch.documents.first { $0.id == ClusterFixtures.floodsTidewater.id })
        // Tidewater published 40 minutes earlier: it is the original.
        #expect(valley.attributes["duplicate_of"] == .string(tidewater.id))
        #expect(tidewater.attributes["duplicate_of"] == nil)
        #expect(valley.story != nil && valley.story == tidewater.story)
        // Two outlets' own takes on one story are not copies.
        let ledger = try #require(batch.documents.first { $0.id == ClusterFixtures.ledgerCurbs.id })
        #expect(ledger.attributes["duplicate_of"] == nil)
    }

    @Test(
        "a wire story printed by more outlets than a term may be shared by is still one story, with the outlets' own takes"
    )
    func widelySyndicated() async throws {
        // 70 copies: more than the 50 documents a strong term may be shared by in a batch this small,
        // and a group of 70 that one copy must join under average linkage.
        let copies = (0..<70).map { outlet in
            ClusterFixtures.wireCopy(
                "outlet-\(outlet)/floods.html", site: "Outlet \(outlet)", intro: "Reported for outlet \(outlet).",
                published: "2025-01-12T\(10 + outlet / 60):\(String(format: "%02d", outlet % 60)):00Z")
        }
        let ownTake = Document.text(
            "harbour-ledger/valley-floods.html",
            """
            Two bridges were closed and about 300 homes near the old mill district evacuated on Sunday as heavy rain \
            flooded the river valley, the county fire service said.

            Crews in boats reached residents trapped on upper floors. Forecasters expect more rain by Tuesday, and the \
            river is due to peak on Monday evening, testing the levees near the harbour; valley schools stay closed.
            """,
            title: "River valley floods: bridges shut, homes evacuated", site: "Harbour Ledger",
            published: "2025-01-12T12:00:00Z")
        let batch = try await run(ClusterFixtures.day + copies + [ownTake])
        let story = try #require(storyOf(ClusterFixtures.floodsTidewater.id, in: batch))
        for copy in copies + [ClusterFixtures.floodsValley] {
            #expect(storyOf(copy.id, in: batch) == story, "\(copy.id)")
        }
        #expect(storyOf(ownTake.id, in: batch) == story)
        // The rest of the day is untouched by the crowd of copies.
        #expect(storyOf(ClusterFixtures.ledgerCurbs.id, in: batch) != story)
        #expect(
            storyOf(ClusterFixtures.ledgerCurbs.id, in: batch) == storyOf(ClusterFixtures.meridianCurbs.id, in: batch))
        #expect(batch.stories.count == 2)
        // Every copy names the earliest as its original.
        #expect(
            copies.allSatisfy { copy in
                batch.documents.first { $0.id == copy.id }?.attributes["duplicate_of"]
                    == .string(ClusterFixtures.floodsTidewater.id)
            })
    }

    @Test("the same documents in any order give the same stories, ids and output")
    func orderIndependent() async throws {
        let forward = try await run(ClusterFixtures.day)
        let backward = try await run(ClusterFixtures.day.reversed())
        var rotated = ClusterFixtures.day
        rotated.append(contentsOf: rotated.prefix(3))
        rotated.removeFirst(3)
        let turned = try await run(rotated)
        for other in [backward, turned] {
            #expect(other.stories.map(\.id) == forward.stories.map(\.id))
            #expect(other.stories.map(\.members) == forward.stories.map(\.members))
            #expect(other.stories.map(\.keywords) == forward.stories.map(\.keywords))
            #expect(other.documents.map(\.id) == forward.documents.map(\.id))
            #expect(other.documents.map(\.story) == forward.documents.map(\.story))
        }
    }

    @Test("a story's id depends only on its members, and differs when they differ")
    func storyIDs() {
        let a = StoryBuilder.id(for: ["b.html", "a.html"])
        #expect(a == StoryBuilder.id(for: ["a.html", "b.html"]))
        #expect(a != StoryBuilder.id(for: ["a.html", "c.html"]))
        #expect(a.hasPrefix("s-") && a.count == 14)
    }

    /// The day's fixtures clustered with the two chip-curbs articles carrying these entities; their story.
    func curbsStory(ledger ledgerEntities: [Entity], meridian meridianEntities: [Entity]) async throws -> Story {
        var ledger = ClusterFixtures.ledgerCurbs
        ledger.entities = ledgerEntities
        var meridian = ClusterFixtures.meridianCurbs
        meridian.entities = meridianEntities
        let batch = try await run([ledger, meridian] + ClusterFixtures.day.dropFirst(2))
        return try #require(batch.stories.first { $0.members.contains(ledger.id) })
    }

    @Test("a name its members type differently is listed once, with the type most mentions give it")
    func storyEntityTypesVote() async throws {
        let story = try await curbsStory(
            ledger: [
                Entity(text: "Calder", type: .location, count: 3),
                Entity(text: "Nvidia", type: .organization, count: 1),
            ],
            meridian: [
                Entity(text: "Calder", type: .organization, count: 1),
                Entity(text: "Nvidia", type: .organization, count: 1),
            ])
        #expect(story.entities.filter { $0.text == "Calder" } == [Entity(text: "Calder", type: .location, count: 4)])
        #expect(story.entities.count == 2)
    }

    @Test("a story is headed by a member's title without the site name and dated by its members")
    func storyFields() async throws {
        let story = try await curbsStory(
            ledger: [
                Entity(text: "Eric Schmidt", type: .person, count: 2),
                Entity(text: "Nvidia", type: .organization, count: 1),
            ],
            meridian: [
                Entity(text: "Eric Schmidt", type: .person, count: 1),
                Entity(text: "DeepSeek", type: .organization, count: 2),
            ])
        let meridian = ClusterFixtures.meridianCurbs, ledger = ClusterFixtures.ledgerCurbs
        let headlines = [
            "China's AI labs close in on US rivals despite chip curbs",
            "China's AI progress defies U.S. export controls",
        ]
        #expect(headlines.contains(story.headline ?? ""))
        #expect(story.firstSeen == meridian.published)
        #expect(story.lastSeen == ledger.published)
        // Named by both members first, then by mentions.
        #expect(story.entities.first == Entity(text: "Eric Schmidt", type: .person, count: 3))
        #expect(story.entities.count == 3)
        #expect(!story.keywords.isEmpty)
    }

    @Test("a follow-up published two weeks later still joins its story")
    func followUp() async throws {
        var later = ClusterFixtures.meridianCurbs
        later.published = Timestamp.parse("2025-01-23T06:55:00Z")
        let documents = [ClusterFixtures.ledgerCurbs, later] + ClusterFixtures.day.dropFirst(2)
        let batch = try await run(documents)
        #expect(storyOf(later.id, in: batch) != nil)
        #expect(storyOf(later.id, in: batch) == storyOf(ClusterFixtures.ledgerCurbs.id, in: batch))
    }

    @Test("similarity counts in full within the window and less the further apart two articles are")
    func followUpDiscount() {
        #expect(ClusterStage.followUpDiscount(days: 0, windowDays: 3) == 1)
        #expect(ClusterStage.followUpDiscount(days: 3, windowDays: 3) == 1)
        #expect(abs(ClusterStage.followUpDiscount(days: 7, windowDays: 3) - 1 / (1 + 0.3 * log(7.0 / 3))) < 1e-12)
        #expect(abs(ClusterStage.followUpDiscount(days: 30, windowDays: 3) - 0.5915) < 1e-3)
        var previous = 1.0
        for days in [4.0, 10, 30, 100, 365, 3650] {
            let value = ClusterStage.followUpDiscount(days: days, windowDays: 3)
            #expect(value < previous && value > 0)
            previous = value
        }
        #expect(ClusterStage.followUpDiscount(days: 3650, windowDays: 0) == 1)
    }

    @Test("a story stays reachable until the discount leaves half a follow-up's similarity")
    func followUpReach() {
        #expect(ClusterStage.Options().storyReachDays == 85)
        for window in [1.0, 3, 7] {
            let reach = ClusterStage.followUpReach(windowDays: window)
            #expect(ClusterStage.followUpDiscount(days: Double(reach - 1), windowDays: window) > 0.5)
            #expect(ClusterStage.followUpDiscount(days: Double(reach), windowDays: window) <= 0.5)
        }
        #expect(ClusterStage.followUpReach(windowDays: 1) == 29)
        #expect(ClusterStage.followUpReach(windowDays: 0) == 365)
        #expect(ClusterStage.followUpReach(windowDays: 30) == 365)
    }

    @Test("a very high threshold splits the story; bad options are refused")
    func options() async throws {
        let strict = try await run(ClusterFixtures.day, options: ["threshold": "0.95"])
        #expect(storyOf(ClusterFixtures.ledgerCurbs.id, in: strict) == nil)
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ClusterStage.self, options: ["threshold": "1.5"])
        }
        #expect(throws: PipelineValidationError.self) {
            try StageHarness(ClusterStage.self, options: ["linkage": "single"])
        }
    }

    @Test("two quakes on one island, each reported twelve times, stay two stories; without the crowd rule they merge")
    func crowdOfTwoEvents() async throws {
        let batch = try await run(CrowdFixtures.both)
        let stories = Set(batch.stories.map { Set($0.members) })
        #expect(
            stories == [Set(CrowdFixtures.reports(of: "a").map(\.id)), Set(CrowdFixtures.reports(of: "b").map(\.id))])
        let plain = try await run(CrowdFixtures.both, options: ["crowd_size": "0"])
        #expect(plain.stories.count == 1)
        #expect(plain.stories.first?.members.count == CrowdFixtures.both.count)
    }

    @Test("a follow-up a week later in other sentences joins its first report at the default threshold, not at 0.23")
    func weakerFollowUpJoins() async throws {
        let documents = [CrowdFixtures.firstReport, CrowdFixtures.weekLater] + ClusterFixtures.day
        let batch = try await run(documents)
        let story = try #require(storyOf(CrowdFixtures.firstReport.id, in: batch))
        #expect(storyOf(CrowdFixtures.weekLater.id, in: batch) == story)
        let strict = try await run(documents, options: ["threshold": "0.23"])
        #expect(storyOf(CrowdFixtures.weekLater.id, in: strict) == nil)
    }

    @Test("an empty batch gives no stories")
    func empty() async throws {
        let batch = try await run([])
        #expect(batch.stories.isEmpty)
    }
}
