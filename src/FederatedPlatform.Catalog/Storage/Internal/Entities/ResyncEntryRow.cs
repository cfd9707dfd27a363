namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>A record a center listed in its running resync; the sweep keeps these and deletes the rest.</summary>
internal sealed class ResyncEntryRow
{
    public string CenterId { get; set; } = string.Empty;

    public string LocalId { get; set; } = string.Empty;

    public long Version { get; set; }
}
