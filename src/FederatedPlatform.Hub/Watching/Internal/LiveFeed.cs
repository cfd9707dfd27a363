namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// A live watcher's place in the fan-out's shared window of recent commits (<see cref="FeedNotifier"/>):
/// the index of the next commit it will read. Holding nothing but that, a watcher costs the hub the same
/// memory however far behind it is; once the window has moved past <see cref="Next"/>, the fan-out detaches
/// it and it goes back to the durable log.
/// </summary>
internal sealed class LiveFeed
{
    private long _next;
    private volatile bool _detached;

    /// <summary>The index of the next commit this watcher reads; only the watcher moves it (and attach sets it).</summary>
    public long Next
    {
        get => Volatile.Read(ref _next);
        set => Volatile.Write(ref _next, value);
    }

    /// <summary>Set when the watcher is no longer fed live (fell out of the window, or the hub is stopping).</summary>
    public bool Detached => _detached;

    public void Detach() => _detached = true;
}
