using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Hub.Registry.Internal;

/// <summary>Stored publishing progress + live connection → CenterHealth.</summary>
internal static class HealthMapping
{
    public static CenterHealth ToProto(CenterProgress progress, bool connected)
    {
        var health = new CenterHealth
        {
            CenterId = progress.CenterId,
            Connected = connected,
            ProducerEpoch = progress.ProducerEpoch,
            AppliedSeq = progress.AppliedSeq,
            ReportedSeq = progress.ReportedSeq,
            Lag = progress.Lag,
            RejectedCount = progress.RejectedCount,
        };
        if (progress.LastSeen is { } seen)
        {
            health.LastSeen = Timestamp.FromDateTimeOffset(seen);
        }

        return health;
    }
}
