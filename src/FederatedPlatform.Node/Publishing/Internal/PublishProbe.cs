namespace FederatedPlatform.Node.Publishing.Internal;

/// <summary>
/// Test seam: two points of the Publish stream where a fault test can hold the publisher (and stop
/// the node there). Production registers none, and the publisher then behaves exactly as without it.
/// </summary>
internal sealed class PublishProbe
{
    /// <summary>Awaited with a change's seq after it was committed to the outbox and before it is sent.</summary>
    public Func<ulong, CancellationToken, Task>? BeforeSend { get; set; }

    /// <summary>Awaited with the hub's cumulative ack before the node records it durably.</summary>
    public Func<ulong, CancellationToken, Task>? BeforeAckRecorded { get; set; }
}
