namespace FederatedPlatform.Node.Storage.Internal.Entities;

/// <summary>The node's single state row: identity, producer epoch, sequence counters and the replica's cursor.</summary>
internal sealed class NodeStateRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string CenterId { get; set; } = string.Empty;

    /// <summary>Raised durably on every start, so the hub can fence an older copy of this node.</summary>
    public long ProducerEpoch { get; set; }

    /// <summary>The highest node sequence number assigned; the next change gets LastSeq + 1.</summary>
    public long LastSeq { get; set; }

    /// <summary>The highest node sequence number the hub acknowledged.</summary>
    public long AckedSeq { get; set; }

    /// <summary>The Watch cursor the replica rows reflect; empty before a snapshot completed.</summary>
    public string ReplicaCursor { get; set; } = string.Empty;

    /// <summary>Counts replica snapshots; rows not touched by the current one are swept when it completes.</summary>
    public long ReplicaGeneration { get; set; }

    public int SchemaVersion { get; set; }
}
