using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Internal;

/// <summary>The node's log messages. Event ids: 1000-1099 store and host, 1100-1199 publisher, 1200-1299 replica.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Node of center {CenterId} opened {Path} with producer epoch {Epoch} (last seq {LastSeq})")]
    public static partial void StoreOpened(ILogger logger, string centerId, string path, ulong epoch, ulong lastSeq);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "No hub configured (Node:HubAddress): the node neither publishes nor keeps a replica")]
    public static partial void NoHub(ILogger logger);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Publishing to {Hub}: hub applied seq {AppliedSeq}, node last seq {LastSeq}")]
    public static partial void PublishWelcomed(ILogger logger, string hub, ulong appliedSeq, ulong lastSeq);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Publish stream to {Hub} ended: {Reason}; reconnecting in {Delay}")]
    public static partial void PublishRetry(ILogger logger, string hub, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Publishing stopped for good: {Reason}")]
    public static partial void PublishStopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Full resync to the hub: {Reason}")]
    public static partial void ResyncStarting(ILogger logger, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Resync sent: {Count} records up to seq {Seq}, digest {Digest}")]
    public static partial void ResyncSent(ILogger logger, ulong count, ulong seq, string digest);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "The hub rejected seq {Seq} ({Center}/{LocalId}): {Field}: {Reason}")]
    public static partial void ChangeRejected(ILogger logger, ulong seq, string center, string localId, string field, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "A rejection for seq {Seq} ({LocalId}) matches no outbox entry: {Field}: {Reason}")]
    public static partial void RejectionUnmatched(ILogger logger, ulong seq, string localId, string field, string reason);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Replica following {Hub} from {Position}")]
    public static partial void ReplicaWatching(ILogger logger, string hub, string position);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Watch stream to {Hub} ended: {Reason}; reconnecting in {Delay}")]
    public static partial void ReplicaRetry(ILogger logger, string hub, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Replication stopped for good: {Reason}")]
    public static partial void ReplicaStopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "The hub reset the replica's cursor ({Reason}: {Message}); rebuilding from a snapshot")]
    public static partial void ReplicaReset(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Building the replica's search index in the background; search answers UNAVAILABLE until it is done")]
    public static partial void ReplicaIndexBuilding(ILogger logger);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "The replica's search index is built: {Count} records in {Elapsed}")]
    public static partial void ReplicaIndexBuilt(ILogger logger, long count, TimeSpan elapsed);
}
