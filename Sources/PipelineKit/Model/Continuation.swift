import Foundation

// Stories that run over several days. With a state store, the runtime adds
// the members of earlier days' open stories to the batch before the stage that
// forms stories (each marked with ``Document/carriedFromStory``), and after it
// gives a story that took in such members the earlier story's id and a
// ``Story/continuation``. Both live in `attributes`, so checkpoints, the state
// store and the JSON contract keep one format; these accessors are the typed
// way to read and write them.

extension Document {
    static let carriedFromStoryKey = "carried_from_story"

    /// Set on a member of an earlier day's story that the runtime added to the
    /// batch so that today's articles can join its story: the earlier story's
    /// id. A stage that forms stories links such documents like any other, but
    /// derives what a reader sees of the story (headline, outlets) from today's
    /// members; the runtime removes carried documents after that stage.
    public var carriedFromStory: String? {
        get { attributes[Self.carriedFromStoryKey]?.stringValue }
        set { attributes[Self.carriedFromStoryKey] = newValue.map(JSONValue.string) }
    }
}

extension Story {
    /// Where a story continued from earlier days stands.
    public struct Continuation: Sendable, Equatable {
        /// Which day of the story this run is: 2 the day after it started.
        public var day: Int
        /// The date (`YYYY-MM-DD`) of the run that started it.
        public var firstRun: String
        /// How many articles earlier runs gave it.
        public var earlierArticles: Int

        public init(day: Int, firstRun: String, earlierArticles: Int) {
            self.day = day
            self.firstRun = firstRun
            self.earlierArticles = earlierArticles
        }
    }

    /// Set by the runtime on a story that continues one of an earlier day; nil for a new story.
    public var continuation: Continuation? {
        get {
            guard case let .int(day)? = attributes["continuing_day"] else { return nil }
            let earlier: Int
            if case let .int(count)? = attributes["earlier_articles"] { earlier = count } else { earlier = 0 }
            return Continuation(
                day: day, firstRun: attributes["first_run"]?.stringValue ?? "", earlierArticles: earlier)
        }
        set {
            attributes["continuing_day"] = newValue.map { .int($0.day) }
            attributes["first_run"] = newValue.map { .string($0.firstRun) }
            attributes["earlier_articles"] = newValue.map { .int($0.earlierArticles) }
        }
    }
}
