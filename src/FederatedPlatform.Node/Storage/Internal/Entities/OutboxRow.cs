namespace FederatedPlatform.Node.Storage.Internal.Entities;

/// <summary>One committed change waiting for (or done with) publication, keyed by its gap-free node sequence number.</summary>
internal sealed class OutboxRow
{
    public long Seq { get; set; }

    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }

    /// <summary>The record as it is after the change (a tombstone for a deletion), as protobuf bytes.</summary>
    public byte[] Payload { get; set; } = [];

    public OutboxState State { get; set; }

    /// <summary>Unix milliseconds of the commit.</summary>
    public long CreatedAt { get; set; }

    public int RejectionCode { get; set; }

    public string? RejectionField { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>Unix milliseconds of the rejection; null unless rejected.</summary>
    public long? RejectedAt { get; set; }
}
