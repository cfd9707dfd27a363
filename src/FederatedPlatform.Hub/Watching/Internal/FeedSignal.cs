namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// What the fan-out puts in a watcher's buffer: a whole commit, or — none — a tick that lets the watcher
/// decide on a bookmark.
/// </summary>
internal readonly record struct FeedSignal(LiveCommit? Commit)
{
    public static FeedSignal Tick => default;

    /// <summary>The room it takes in a watcher's buffer: one per change, and one for a commit without changes or a tick.</summary>
    public int Weight => Math.Max(1, Commit?.Changes.Count ?? 0);
}
