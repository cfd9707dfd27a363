using FederatedPlatform.Catalog.Filtering;

namespace FederatedPlatform.Catalog.Feed;

/// <summary>Reads the catalog change log and consistent snapshots: what Watch serves.</summary>
public interface IChangeFeed
{
    /// <summary>The head and retention horizon of the log.</summary>
    Task<FeedPosition> GetPositionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the changes after <paramref name="afterSeq"/> that concern <paramref name="filter"/>: at most
    /// about <paramref name="maxChanges"/> of them (a page is extended to the end of its last commit), and
    /// looking at no more than <paramref name="maxScan"/> sequence numbers, so a narrow filter costs a
    /// bounded read per call and still advances (<see cref="FeedPage.Through"/>).
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.CursorTooOld"/> when
    /// <paramref name="afterSeq"/> is below the retention horizon.</exception>
    Task<FeedPage> ReadChangesAsync(
        ulong afterSeq, CatalogFilter filter, int maxChanges, int maxScan, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a consistent snapshot of the live records matching <paramref name="filter"/>, read page by
    /// page inside one read transaction. Dispose it promptly: it pins the database's view.
    /// </summary>
    Task<CatalogSnapshot> OpenSnapshotAsync(CatalogFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Tombstone retention: forgets tombstones and superseded change-log rows committed before
    /// <paramref name="olderThan"/> and raises the horizon accordingly. Runs in short transactions.
    /// </summary>
    Task<CompactionResult> CompactAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
