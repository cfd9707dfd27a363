namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>
/// The single row of hub-wide state. <see cref="CatalogSeq"/> is the catalog sequence counter:
/// every writer increments it inside its transaction, which serialises commits in sequence order.
/// </summary>
internal sealed class HubStateRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Random id created with the database; cursors of another (or restored) database are detected by it.</summary>
    public string HubEpoch { get; set; } = string.Empty;

    /// <summary>HMAC-SHA256 key of the cursors.</summary>
    public byte[] CursorKey { get; set; } = [];

    public long CatalogSeq { get; set; }

    public long HorizonSeq { get; set; }

    public int SchemaVersion { get; set; }

    public long CreatedAt { get; set; }
}
