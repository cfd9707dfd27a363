using FederatedPlatform.Catalog.Feed;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// What the fan-out puts in a watcher's buffer: a change, the end of a commit (every change up to
/// <see cref="Through"/> has been offered), or — neither — a tick that lets the watcher decide on a bookmark.
/// </summary>
internal readonly record struct FeedSignal(CatalogChange? Change, ulong Through)
{
    public static FeedSignal Tick => default;

    public static FeedSignal Of(CatalogChange change) => new(change, 0);

    public static FeedSignal CommitEnd(ulong through) => new(null, through);

    public bool IsTick => Change is null && Through == 0;
}
