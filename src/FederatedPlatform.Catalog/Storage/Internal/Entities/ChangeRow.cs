namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>
/// One change-log entry: the record version committed at a catalog sequence number, the filter
/// fields of that version and of the live version it replaced (so a watcher whose filter the record
/// leaves gets a delete), and the serialized record.
/// </summary>
internal sealed class ChangeRow
{
    public long Seq { get; set; }

    /// <summary>Last sequence number of the same transaction: pages never split a commit.</summary>
    public long CommitEnd { get; set; }

    public string CenterId { get; set; } = string.Empty;

    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }

    public bool Deleted { get; set; }

    public int? Kind { get; set; }

    public int? Sector { get; set; }

    public string? Country { get; set; }

    public int? PrevKind { get; set; }

    public int? PrevSector { get; set; }

    public string? PrevCountry { get; set; }

    /// <summary>The change-log row of the replaced version; retention deletes it once this one is past the horizon.</summary>
    public long? PrevSeq { get; set; }

    /// <summary>Commit time, Unix milliseconds; retention maps its time horizon to a sequence number with it.</summary>
    public long AppliedAt { get; set; }

    /// <summary>The record (a tombstone for deletions) as protobuf bytes.</summary>
    public byte[] Payload { get; set; } = [];
}
