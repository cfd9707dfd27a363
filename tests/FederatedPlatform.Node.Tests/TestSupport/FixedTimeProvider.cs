namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>A clock that moves only when the test says so.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
