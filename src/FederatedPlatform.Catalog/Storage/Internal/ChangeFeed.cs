using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>The change feed over the storage seam.</summary>
internal sealed class ChangeFeed(IStorageProvider provider, Compactor compactor) : IChangeFeed
{
    public async Task<FeedPosition> GetPositionAsync(CancellationToken cancellationToken)
    {
        await using var session = await ReadSession.BeginAsync(provider, cancellationToken);
        return await FeedQueries.PositionAsync(session.Connection, session.Transaction, cancellationToken);
    }

    public async Task<FeedPage> ReadChangesAsync(
        ulong afterSeq, CatalogFilter filter, int maxChanges, int maxScan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChanges, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxScan, 1);
        await using var session = await ReadSession.BeginAsync(provider, cancellationToken);

        // Position and rows come from one snapshot: the head read here bounds what the page may claim.
        var position = await FeedQueries.PositionAsync(session.Connection, session.Transaction, cancellationToken);
        if (afterSeq < position.HorizonSeq)
        {
            throw new CatalogException(
                CatalogErrorCode.CursorTooOld, $"position {afterSeq} is below the retention horizon {position.HorizonSeq}");
        }

        var upTo = Math.Min(position.HeadSeq, afterSeq + (ulong)maxScan);
        if (upTo <= afterSeq)
        {
            return new FeedPage([], afterSeq, position.HeadSeq);
        }

        var changes = await FeedQueries.ChangesAsync(session, afterSeq, upTo, filter, maxChanges, cancellationToken);
        if (changes.Count < maxChanges)
        {
            return new FeedPage(changes, upTo, position.HeadSeq);
        }

        // A full page stops inside the scan window: finish the last commit so that it is never split.
        var last = changes[^1];
        var through = last.Seq;
        if (last.CommitEndSeq > last.Seq)
        {
            var rest = await FeedQueries.ChangesAsync(session, last.Seq, last.CommitEndSeq, filter, int.MaxValue, cancellationToken);
            changes.AddRange(rest);
            through = last.CommitEndSeq;
        }

        return new FeedPage(changes, through, position.HeadSeq);
    }

    public async Task<CatalogSnapshot> OpenSnapshotAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        var session = await ReadSession.BeginAsync(provider, cancellationToken);
        try
        {
            var position = await FeedQueries.PositionAsync(session.Connection, session.Transaction, cancellationToken);
            return new CatalogSnapshot(session, filter, position.HeadSeq);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public Task<CompactionResult> CompactAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        compactor.CompactAsync(olderThan, cancellationToken);
}
