using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Catalog log messages; event ids 2000–2099 belong to the catalog.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Catalog opened: {Store}, hub epoch {HubEpoch}, catalog seq {CatalogSeq}, horizon {HorizonSeq}")]
    public static partial void Opened(ILogger logger, string store, string hubEpoch, ulong catalogSeq, ulong horizonSeq);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Center {CenterId}: producer epoch {OldEpoch} -> {NewEpoch}")]
    public static partial void EpochRaised(ILogger logger, string centerId, ulong oldEpoch, ulong newEpoch);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Center {CenterId}: producer epoch {Epoch} fenced off by epoch {CurrentEpoch}")]
    public static partial void EpochFenced(ILogger logger, string centerId, ulong epoch, ulong currentEpoch);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Center {CenterId}: sequence gap, expected seq {ExpectedSeq} but got {ActualSeq}")]
    public static partial void SequenceGap(ILogger logger, string centerId, ulong expectedSeq, ulong actualSeq);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Center {CenterId}: change seq {Seq} rejected, {Field}: {Reason}")]
    public static partial void ChangeRejected(ILogger logger, string centerId, ulong seq, string field, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Center {CenterId}: resync complete, {Count} records, {Deleted} deleted, applied seq {AppliedSeq}")]
    public static partial void ResyncCompleted(ILogger logger, string centerId, ulong count, int deleted, ulong appliedSeq);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Center {CenterId}: resync mismatch, node sent count {NodeCount} digest {NodeDigest}, hub received count {HubCount} digest {HubDigest}; nothing deleted")]
    public static partial void ResyncMismatch(ILogger logger, string centerId, ulong nodeCount, string nodeDigest, ulong hubCount, string hubDigest);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Retention: horizon {HorizonSeq}, {Changes} change-log rows and {Tombstones} tombstones removed")]
    public static partial void Compacted(ILogger logger, ulong horizonSeq, long changes, long tombstones);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Center {CenterId} registered")]
    public static partial void CenterRegistered(ILogger logger, string centerId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Credential {CredentialId} issued, role {Role}, center {CenterId}")]
    public static partial void CredentialIssued(ILogger logger, string credentialId, string role, string? centerId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Credential {CredentialId} revoked")]
    public static partial void CredentialRevoked(ILogger logger, string credentialId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Center {CenterId}: resync begun by epoch {Epoch}")]
    public static partial void ResyncBegun(ILogger logger, string centerId, ulong epoch);

    [LoggerMessage(EventId = 2090, Level = LogLevel.Information, Message = "Indexer {Indexer}: {Mode} from catalog seq {FromSeq} to {ToSeq}, {Indexed} records indexed")]
    public static partial void IndexerCaughtUp(ILogger logger, string indexer, string mode, ulong fromSeq, ulong toSeq, long indexed);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Listening for commits of other hub instances on channel {Channel}")]
    public static partial void ListeningForCommits(ILogger logger, string channel);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Commit listener lost its connection; reconnecting in {Delay} (watchers fall back to polling the change log meanwhile)")]
    public static partial void CommitListenerLost(ILogger logger, TimeSpan delay, Exception exception);
}
