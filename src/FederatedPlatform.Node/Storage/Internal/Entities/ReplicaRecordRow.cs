namespace FederatedPlatform.Node.Storage.Internal.Entities;

/// <summary>A record of the federated catalog as received through Watch (tombstones kept so replays stay harmless).</summary>
internal sealed class ReplicaRecordRow
{
    public string CenterId { get; set; } = string.Empty;

    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }

    public bool Deleted { get; set; }

    public int Kind { get; set; }

    public int Sector { get; set; }

    public string Country { get; set; } = string.Empty;

    /// <summary>The record as protobuf bytes; null for a tombstone.</summary>
    public byte[]? Payload { get; set; }

    /// <summary>The snapshot generation that last confirmed this row (see <see cref="NodeStateRow.ReplicaGeneration"/>).</summary>
    public long Generation { get; set; }
}
