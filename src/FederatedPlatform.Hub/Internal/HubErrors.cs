using System.Globalization;
using FederatedPlatform.Catalog;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Internal;

/// <summary>
/// Every gRPC status the hub sends, made in one place: the services throw these (or a
/// <see cref="CatalogException"/>, which <see cref="FromCatalog"/> maps) and nothing else reaches the client.
/// </summary>
internal static class HubErrors
{
    /// <summary>The trailer that names the seq the hub expected after a gap.</summary>
    public const string ExpectedSeqTrailer = "fedplat-expected-seq";

    public static RpcException FromCatalog(CatalogException exception) => exception.Code switch
    {
        CatalogErrorCode.InvalidArgument => Make(StatusCode.InvalidArgument, exception.Message),
        CatalogErrorCode.CenterNotFound or CatalogErrorCode.CredentialNotFound => Make(StatusCode.NotFound, exception.Message),
        CatalogErrorCode.CenterExists => Make(StatusCode.AlreadyExists, exception.Message),
        CatalogErrorCode.EpochFenced or CatalogErrorCode.ResyncNotStarted or CatalogErrorCode.ResyncInProgress
            => Make(StatusCode.FailedPrecondition, exception.Message),
        CatalogErrorCode.CursorTooOld => Make(StatusCode.OutOfRange, exception.Message),
        _ => Make(StatusCode.Internal, exception.Message),
    };

    public static RpcException InvalidArgument(string field, string reason) => Make(StatusCode.InvalidArgument, $"{field}: {reason}");

    public static RpcException Unauthenticated(string detail) => Make(StatusCode.Unauthenticated, detail);

    public static RpcException PermissionDenied(string detail) => Make(StatusCode.PermissionDenied, detail);

    public static RpcException ResourceExhausted(string detail) => Make(StatusCode.ResourceExhausted, detail);

    public static RpcException FailedPrecondition(string detail) => Make(StatusCode.FailedPrecondition, detail);

    public static RpcException NotFound(string detail) => Make(StatusCode.NotFound, detail);

    public static RpcException Aborted(string detail) => Make(StatusCode.Aborted, detail);

    public static RpcException ShuttingDown() => Make(StatusCode.Unavailable, "the hub is shutting down; reconnect later");

    public static RpcException ClientGone(Exception cause) => new(new Status(StatusCode.Cancelled, "the client reset the stream", cause));

    /// <summary>
    /// A database error: UNAVAILABLE when a retry may succeed (busy, locked, unreachable), INTERNAL otherwise.
    /// The cause stays in the hub's log, not in the detail sent to the client.
    /// </summary>
    public static RpcException Storage(bool transient) => transient
        ? Make(StatusCode.Unavailable, "the catalog database is busy or unreachable; this call's transaction was rolled back, retry with backoff")
        : Make(StatusCode.Internal, "the catalog database failed; this call's transaction was rolled back (the hub's log has the cause)");

    public static RpcException Revoked() => Make(StatusCode.Unauthenticated, "the credential was revoked");

    /// <summary>A gap in a Publish stream: OUT_OF_RANGE naming the expected seq, also in a trailer.</summary>
    public static RpcException Gap(ulong expectedSeq, ulong actualSeq)
    {
        var trailers = new Metadata { { ExpectedSeqTrailer, expectedSeq.ToString(CultureInfo.InvariantCulture) } };
        return new RpcException(
            new Status(StatusCode.OutOfRange, $"sequence gap: expected seq {expectedSeq}, got {actualSeq}; reconnect and resume after the welcome"),
            trailers);
    }

    private static RpcException Make(StatusCode code, string detail) => new(new Status(code, detail));
}
