/// Options of a stage that joins articles to stories across days say how long
/// after a story's last article a new one can still join it.
///
/// A pipeline with a state store keeps earlier stories open for that long
/// unless its `state:` section sets `window_days` itself: a story closed
/// sooner could never take the follow-up the stage would have linked, and
/// one kept open longer only adds members no new article can reach.
public protocol StoryReach {
    /// Days after a story's last article within which a new article can still join it.
    var storyReachDays: Int { get }
}
