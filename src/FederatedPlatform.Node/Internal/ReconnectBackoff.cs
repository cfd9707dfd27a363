namespace FederatedPlatform.Node.Internal;

/// <summary>
/// Exponential backoff with full jitter: the n-th delay is uniform in [0, min(max, min·2ⁿ)), so a
/// federation of nodes reconnecting after a hub restart spreads out instead of arriving together.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
{
    private int _attempt;

    public TimeSpan Next()
    {
        var cap = min.Ticks * Math.Pow(2, Math.Min(_attempt, 40));
        _attempt++;
        return TimeSpan.FromTicks((long)(random.NextDouble() * Math.Min(cap, max.Ticks)));
    }

    /// <summary>After a stream that got as far as the hub's answer: start again from the smallest delay.</summary>
    public void Reset() => _attempt = 0;
}
