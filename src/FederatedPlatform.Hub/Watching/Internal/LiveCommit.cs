using System.Collections.Concurrent;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// One commit as the fan-out hands it to every live watcher: its changes (those not dispatched before) and
/// its end. The events it makes for a <see cref="WatchView"/> are framed once, by the first watcher of that
/// view, and the same bytes are written to every other watcher of that view: with a thousand watchers of
/// one filter, a commit costs each of them a lookup and a copy. The frames live as long as the commit.
/// </summary>
internal sealed class LiveCommit(long index, IReadOnlyList<CatalogChange> changes, ulong through)
{
    private readonly ConcurrentDictionary<WatchView, FramedMessages> _framed = new();

    /// <summary>Its place in the fan-out's sequence of dispatched commits (0, 1, 2, ...).</summary>
    public long Index { get; } = index;

    public IReadOnlyList<CatalogChange> Changes { get; } = changes;

    /// <summary>The end of the commit: every change up to here has been dispatched.</summary>
    public ulong Through { get; } = through;

    /// <summary>The commit's events for <paramref name="view"/>, framed by <paramref name="frame"/> on first use.</summary>
    public FramedMessages FramedFor<TState>(WatchView view, Func<LiveCommit, TState, FramedMessages> frame, TState state) =>
        _framed.TryGetValue(view, out var framed) ? framed : _framed.GetOrAdd(view, static (_, s) => s.frame(s.commit, s.state), (frame, commit: this, state));
}
