using FederatedPlatform.Grpc;

namespace FederatedPlatform.Node.Internal;

/// <summary>Which hub answers end a stream for good instead of being retried with backoff.</summary>
internal static class HubStatusPolicy
{
    /// <summary>
    /// A bad or revoked credential, a request the hub calls invalid, or a fenced epoch: hub.proto
    /// ends a stale copy's stream with ABORTED and refuses its lower epoch with FAILED_PRECONDITION.
    /// Retrying would repeat the same answer (or fight a newer copy of this node) forever.
    /// </summary>
    public static bool StopsPublishing(StatusCode code) => code is StatusCode.Unauthenticated or StatusCode.PermissionDenied
        or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Aborted;

    /// <summary>Watch has no epoch; only credential and request problems are final.</summary>
    public static bool StopsReplication(StatusCode code) => code is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.InvalidArgument;
}
