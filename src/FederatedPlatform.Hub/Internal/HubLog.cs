using FederatedPlatform.Grpc;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Internal;

/// <summary>Hub log messages; event ids 3000–3099 belong to the hub (3000 host, 3010 publish, 3020 watch, 3030 registry, 3040 retention, 3050 storage).</summary>
internal static partial class HubLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Hub listening on {Address}, catalog {Store}")]
    public static partial void Listening(ILogger logger, string address, string store);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "First start: operator credential {CredentialId} created; its token is in {TokenPath} (readable by this user only)")]
    public static partial void OperatorBootstrapped(ILogger logger, string credentialId, string tokenPath);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Center {CenterId}: Publish stream opened by epoch {Epoch}, applied seq {AppliedSeq}")]
    public static partial void PublishOpened(ILogger logger, string centerId, ulong epoch, ulong appliedSeq);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Center {CenterId}: Publish stream of epoch {Epoch} closed by the node")]
    public static partial void PublishClosed(ILogger logger, string centerId, ulong epoch);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Center {CenterId}: Publish stream of epoch {Epoch} ended, replaced by epoch {NewerEpoch}")]
    public static partial void PublishReplaced(ILogger logger, string centerId, ulong epoch, ulong newerEpoch);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Center {CenterId}: Publish stream ended at a gap, expected seq {ExpectedSeq}, got {ActualSeq}")]
    public static partial void PublishGap(ILogger logger, string centerId, ulong expectedSeq, ulong actualSeq);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "A watcher fell behind the fan-out's window of recent commits at catalog seq {CatalogSeq}; it reads from the change log until it catches up")]
    public static partial void WatcherDetached(ILogger logger, ulong catalogSeq);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Fan-out of catalog changes failed; watchers continue from the change log")]
    public static partial void FanOutFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "Credential {CredentialId} revoked; its cached verification and open streams ended")]
    public static partial void CredentialRevoked(ILogger logger, string credentialId);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Center {CenterId}: resync requested (node connected now: {Connected})")]
    public static partial void ResyncRequested(ILogger logger, string centerId, bool connected);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Error, Message = "{Method}: the catalog database failed (transient: {Transient}); the call ends with {Status}")]
    public static partial void StorageFailed(ILogger logger, string method, bool transient, StatusCode status, Exception exception);

    [LoggerMessage(EventId = 3060, Level = LogLevel.Information, Message = "Search index: {Steps} merge steps in {Seconds:0.0} s while idle (merged to one segment: {Finished})")]
    public static partial void SearchIndexMerged(ILogger logger, int steps, double seconds, bool finished);

    [LoggerMessage(EventId = 3061, Level = LogLevel.Error, Message = "Merging the search index failed; it is retried when the catalog is next idle")]
    public static partial void SearchMergeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Error, Message = "Retention pass failed; it is retried at the next interval")]
    public static partial void CompactionFailed(ILogger logger, Exception exception);
}
