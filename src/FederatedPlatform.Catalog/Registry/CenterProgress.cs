namespace FederatedPlatform.Catalog.Registry;

/// <summary>A center's publishing progress as stored (the hub adds whether a stream is connected).</summary>
/// <param name="CenterId">The center.</param>
/// <param name="LastSeen">Last hello, batch or heartbeat; null if never.</param>
/// <param name="ProducerEpoch">Highest epoch that said hello.</param>
/// <param name="AppliedSeq">Highest node seq durably applied.</param>
/// <param name="ReportedSeq">Highest node seq the node reported having written.</param>
/// <param name="RejectedCount">Changes rejected, in total.</param>
/// <param name="ResyncRequested">A resync was requested and has not completed yet.</param>
public sealed record CenterProgress(
    string CenterId, DateTimeOffset? LastSeen, ulong ProducerEpoch, ulong AppliedSeq, ulong ReportedSeq, ulong RejectedCount, bool ResyncRequested)
{
    /// <summary>Changes written at the node and not yet applied at the hub, as far as the hub knows.</summary>
    public ulong Lag => ReportedSeq > AppliedSeq ? ReportedSeq - AppliedSeq : 0;
}
