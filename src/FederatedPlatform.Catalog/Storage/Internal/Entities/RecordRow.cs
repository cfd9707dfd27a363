namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>
/// The current version of each record (or its tombstone until retention forgets it). The content
/// lives once, in the change-log row named by <see cref="Seq"/>; this row is the index the apply
/// path, snapshots and lookups read.
/// </summary>
internal sealed class RecordRow
{
    public string CenterId { get; set; } = string.Empty;

    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }

    public bool Deleted { get; set; }

    public int Kind { get; set; }

    public int Sector { get; set; }

    public string Country { get; set; } = string.Empty;

    /// <summary>Catalog sequence number of the change that produced this version.</summary>
    public long Seq { get; set; }
}
