using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Hub.Publishing.Internal;

/// <summary>Domain results → PublishResponse messages.</summary>
internal static class PublishMessages
{
    public static PublishResponse Welcome(PublishStart start) =>
        new() { Welcome = new Welcome { AppliedSeq = start.AppliedSeq, HubEpoch = start.HubEpoch } };

    public static PublishResponse Ack(ulong appliedSeq) => new() { Ack = new Ack { AppliedSeq = appliedSeq } };

    public static PublishResponse Rejection(Rejection rejection) => new() { Rejection = rejection };

    public static PublishResponse ResyncRequested(string? reason) =>
        new() { ResyncRequested = new ResyncRequested { Reason = reason ?? string.Empty } };

    public static PublishResponse ResyncComplete(ResyncResult result) =>
        new() { ResyncComplete = new ResyncComplete { AppliedSeq = result.AppliedSeq, Deleted = (ulong)result.Deleted } };
}
