using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Publishing;

/// <summary>
/// The hub's publish intake: what the Publish stream does to the catalog. Every method runs in one
/// transaction and is durable when it returns, so its result may be acknowledged.
/// </summary>
public interface ICatalogWriter
{
    /// <summary>
    /// A node's hello: raises the center's producer epoch to <paramref name="epoch"/> (abandoning an
    /// unfinished resync of an older epoch) and records the node's last written seq.
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.CenterNotFound"/>, or
    /// <see cref="CatalogErrorCode.EpochFenced"/> when a higher epoch has already said hello.</exception>
    Task<PublishStart> OpenPublishAsync(string centerId, ulong epoch, ulong lastSeq, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch of one center's changes in order: duplicates dropped, a gap stops the batch
    /// (<see cref="ApplyResult.ExpectedSeq"/>), invalid or foreign records rejected, versions not above
    /// the stored one ignored; everything else written with the center's new applied seq, in one commit.
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.EpochFenced"/> or <see cref="CatalogErrorCode.CenterNotFound"/>.</exception>
    Task<ApplyResult> ApplyAsync(string centerId, ulong epoch, IReadOnlyList<Change> changes, CancellationToken cancellationToken);

    /// <summary>A heartbeat: the node's last written seq, for lag; marks the center as seen.</summary>
    Task ReportProgressAsync(string centerId, ulong epoch, ulong lastSeq, CancellationToken cancellationToken);

    /// <summary>Starts a full resync of the center, discarding any unfinished one.</summary>
    Task BeginResyncAsync(string centerId, ulong epoch, CancellationToken cancellationToken);

    /// <summary>Applies a page of the resync snapshot (same rules as changes, without node sequence numbers).</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.ResyncNotStarted"/>, <see cref="CatalogErrorCode.EpochFenced"/>.</exception>
    Task<ApplyResult> ApplyResyncRecordsAsync(string centerId, ulong epoch, IReadOnlyList<Record> records, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the resync. When count and digest match what was received, tombstones the center's live
    /// records missing from the snapshot and sets the applied seq to <c>end.Seq</c>, in one transaction;
    /// otherwise deletes nothing. Either way the resync is over.
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.ResyncNotStarted"/>, <see cref="CatalogErrorCode.EpochFenced"/>.</exception>
    Task<ResyncResult> EndResyncAsync(string centerId, ulong epoch, ResyncEnd end, CancellationToken cancellationToken);
}
