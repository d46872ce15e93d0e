import PipelineKit
import PipelineTesting

/// Two earthquakes on one (invented) island, three years apart, each reported by twelve
/// outlets: every article tells the island's story in five of six shared paragraphs and
/// its own quake in three of six — a crowd of close articles holding two events.
enum CrowdFixtures {
    static let island = [
        "An earthquake shook Corrin Island in the Selvan Gulf, and villages on its northern coast were hit hardest.",
        "Rescue teams from the mainland port of Tavra crossed to Corrin Island with tents, water and medical supplies.",
        "The island's fishing villages are built of mud brick, which crumbles in a strong tremor, engineers said.",
        "Corrin Island lies on a busy fault line and its people have rebuilt after earthquakes before.",
        "The Selvan Red Crescent said blood banks in Tavra were ready for the injured from Corrin Island.",
        "Ferries between Tavra and Corrin Island were halted while the harbour wall was inspected.",
    ]

    static let quakes = [
        "a": [
            "The quake of magnitude 5.8 struck at dawn on a Sunday in March 2009, centred near the village of Dastan.",
            "Governor Halim Basri said seven people died in Dastan and forty were injured.",
            "In Dastan the old mosque and the school collapsed, and survivors slept in the date groves.",
            "Basri asked the capital for two hundred tents and a field hospital for Dastan.",
            "Aftershocks of magnitude 4.1 rattled Dastan through Sunday afternoon.",
            "The seismology institute placed the 2009 epicentre ten kilometres under Dastan bay.",
        ],
        "b": [
            "The quake of magnitude 6.3 struck late on a Thursday night in November 2012, centred near the town of Kelmar.",
            "Mayor Sorin Vadi said twenty-six people died in Kelmar and three hundred were injured.",
            "In Kelmar the grain silos and the new hospital wing cracked, and families camped in the football stadium.",
            "Vadi said Kelmar needed cranes and heavy lifting gear to reach people under the rubble.",
            "Aftershocks of magnitude 5.2 kept Kelmar awake until Friday morning.",
            "The seismology institute placed the 2012 epicentre thirty kilometres under the Kelmar hills.",
        ],
    ]

    /// The twelve reports of quake `event` ("a" or "b"), ids `quake-<event>-<n>`: no two alike
    /// (the last six take the quake's paragraphs three further on than the first six), so none
    /// is a near-duplicate of another, which `cluster` would fold into its original.
    static func reports(of event: String) -> [Document] {
        (0..<12).map { n in
            let quake = n + n / 6 * 3
            let paragraphs = (0..<5).map { island[(n + $0) % 6] } + (0..<3).map { quakes[event]![(quake + $0) % 6] }
            return Document.text("quake-\(event)-\(n)", paragraphs.joined(separator: "\n\n"))
        }
    }

    static var both: [Document] { reports(of: "a") + reports(of: "b") }

    /// A first report of quake "a" and a follow-up a week later that repeats none of its
    /// sentences: one island paragraph and three of the quake's each, none in common.
    static let firstReport = Document.text(
        "quake-a-first", [island[1], quakes["a"]![0], quakes["a"]![1], quakes["a"]![3]].joined(separator: "\n\n"),
        published: "2025-01-02T08:00:00Z")
    static let weekLater = Document.text(
        "quake-a-week-later", [quakes["a"]![2], quakes["a"]![4], quakes["a"]![5], island[2]].joined(separator: "\n\n"),
        published: "2025-01-09T08:00:00Z")
}
