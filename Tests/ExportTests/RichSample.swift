import Foundation
import PipelineKit

/// A fuller digest we wrote for the rendered formats: two stories of
/// different sizes from several outlets, an article on its own, and one whose
/// every field tries to break the output (markup, quotes, commas, newlines,
/// a `javascript:` link, a control character).
enum RichSample {
    static func date(_ text: String) -> Date? { Timestamp.parse(text) }

    static func batch() -> Batch {
        var ledger = Document(
            id: "ledger/chips-rules.html", source: "inbox/ledger/chips-rules.html",
            url: "https://ledger.example/tech/chips-rules",
            title: "Washington widens curbs on advanced chip sales", author: "Ana Ruiz",
            published: date("2026-11-19T08:15:00Z"), site: "Harbor Ledger", language: "en",
            text: [
                "The Commerce Department on Wednesday widened its limits on sales of advanced processors to firms abroad.",
                "Analysts at Nordbank said the rules would slow, but not stop, rival labs.",
            ])
        ledger.entities = [
            Entity(text: "Commerce Department", type: .organization, count: 3),
            Entity(text: "Nordbank", type: .organization, count: 1),
            Entity(text: "Ana Ruiz", type: .person, count: 1),
            Entity(text: "Washington", type: .location, count: 2),
        ]
        ledger.keywords = [Keyword(term: "chip curbs", score: 0.82), Keyword(term: "export rules", score: 0.61)]
        ledger.story = "story-chips"
        var meridian = Document(
            id: "meridian/chip-limits.txt", source: "inbox/meridian/chip-limits.txt",
            url: "https://meridian.example/a/8812",
            title: "New chip limits reach cloud providers", published: date("2026-11-20T06:40:00Z"),
            site: "Meridian Post",
            language: "en",
            text: ["Cloud providers will need licences to rent out the fastest accelerators, officials said."])
        meridian.entities = [
            Entity(text: "Lena Ortiz", type: .person, count: 2),
            Entity(text: "Commerce Department", type: .organization, count: 1),
        ]
        meridian.keywords = [Keyword(term: "cloud providers", score: 0.77)]
        meridian.story = "story-chips"
        var wire = Document(
            id: "wire/w-1204", source: "inbox/wire.jsonl", url: "https://wire.example/w-1204",
            title: "Chipmakers weigh the cost of tighter rules", published: date("2026-11-20T11:05:00Z"),
            site: "Coastal Wire",
            text: ["Shares of two chipmakers fell after the announcement."])
        wire.entities = [Entity(text: "Geneva", type: .location, count: 1)]
        wire.story = "story-chips"

        var portA = Document(
            id: "ledger/port-strike.html", source: "inbox/ledger/port-strike.html",
            url: "https://ledger.example/world/port-strike",
            title: "Dockworkers walk out in Rotterdam", published: date("2026-11-20T14:00:00Z"), site: "Harbor Ledger",
            text: ["Dockworkers began a 48-hour strike on Thursday over night-shift pay."])
        portA.entities = [
            Entity(text: "Rotterdam", type: .location, count: 3),
            Entity(text: "Port Authority", type: .organization, count: 1),
        ]
        portA.story = "story-port"
        var portB = Document(
            id: "meridian/port.txt", source: "inbox/meridian/port.txt",
            title: "Ships queue off Rotterdam as strike bites",
            published: date("2026-11-20T18:30:00Z"), site: "Meridian Post",
            text: ["More than forty ships waited at anchor."])
        portB.entities = [Entity(text: "Rotterdam", type: .location, count: 1)]
        portB.story = "story-port"

        var alone = Document(
            id: "wire/w-1300", source: "inbox/wire.jsonl", url: "https://wire.example/w-1300",
            title: "Library reopens after flood repairs", author: "Sam Okafor", published: date("2026-11-20T09:00:00Z"),
            site: "Coastal Wire", text: ["The central library reopened on Friday after eight months of repairs."])
        alone.summary = "The central library reopened after eight months of flood repairs."
        alone.entities = [Entity(text: "Sam Okafor", type: .person, count: 1)]
        alone.keywords = [Keyword(term: "library", score: 0.9)]

        var hostile = Document(
            id: "odd/\"quoted\", id", source: "inbox/odd.html", url: "javascript:alert(1)",
            title: "<script>alert(\"x\")</script> Tom & Jerry's \"best\"\nday", author: "O'Neil, Pat",
            published: date("2026-11-18T23:59:00Z"), site: "Odd, Quoted \"Site\"",
            text: ["First line,\nsecond line with \"quotes\", and a bell\u{07} here."])
        hostile.entities = [
            Entity(text: "Smith, Jones & Co", type: .organization, count: 2),
            Entity(text: "<b>Bold</b> Person", type: .person, count: 1),
        ]
        hostile.keywords = [Keyword(term: "a \"quoted\" term", score: 0.4), Keyword(term: "comma, term", score: 0.3)]

        let chips = Story(
            id: "story-chips", members: [ledger.id, meridian.id, wire.id],
            headline: "US widens limits on advanced chip sales",
            summary:
                "The Commerce Department widened its limits on advanced processors, reaching cloud providers; chipmakers' shares fell.",
            entities: [
                Entity(text: "Commerce Department", type: .organization, count: 4),
                Entity(text: "Lena Ortiz", type: .person, count: 2),
                Entity(text: "Ana Ruiz", type: .person, count: 1),
                Entity(text: "Washington", type: .location, count: 2),
            ],
            keywords: [Keyword(term: "chip curbs", score: 0.8)],
            firstSeen: ledger.published, lastSeen: wire.published,
            outlets: ["Harbor Ledger", "Meridian Post", "Coastal Wire"])
        let port = Story(
            id: "story-port", members: [portA.id, portB.id], headline: "Rotterdam dock strike <halts> ships",
            summary: "A 48-hour strike over night-shift pay left ships queuing off Rotterdam.",
            firstSeen: portA.published, lastSeen: portB.published, outlets: ["Harbor Ledger", "Meridian Post"])
        return Batch(
            documents: [hostile, alone, ledger, meridian, wire, portA, portB].sorted { $0.id < $1.id },
            stories: [port, chips])
    }
}
