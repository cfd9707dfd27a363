namespace FederatedPlatform.Node.Publishing.Internal;

/// <summary>
/// Resyncs asked for (by the hub, or because the outbox cannot serve what the hub needs), sent and
/// completed. Lives across Publish streams: a resync cut off before <c>resync_complete</c> is sent again.
/// </summary>
internal sealed class ResyncDemand
{
    private long _requested;
    private long _sent;
    private long _completed;

    public bool Pending => Interlocked.Read(ref _requested) > Interlocked.Read(ref _completed);

    public void Request() => Interlocked.Increment(ref _requested);

    /// <summary>At the start of a stream: whatever was sent but not completed must be sent again.</summary>
    public void Restart() => Interlocked.Exchange(ref _sent, Interlocked.Read(ref _completed));

    /// <summary>True (once) when a resync should be sent now.</summary>
    public bool TryStart()
    {
        var requested = Interlocked.Read(ref _requested);
        if (requested <= Interlocked.Read(ref _sent))
        {
            return false;
        }

        Interlocked.Exchange(ref _sent, requested);
        return true;
    }

    public void Complete() => Interlocked.Exchange(ref _completed, Interlocked.Read(ref _sent));
}
