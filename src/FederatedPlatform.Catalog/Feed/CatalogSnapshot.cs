using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Catalog.Storage.Internal;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Feed;

/// <summary>
/// A consistent view of the live records matching a filter as of catalog sequence number
/// <see cref="Seq"/>, read page by page from one read transaction: never materialised whole, and
/// never mixing states however long the reading takes. After the last page, follow the change
/// feed from <see cref="Seq"/>.
/// </summary>
public sealed class CatalogSnapshot : IAsyncDisposable
{
    private readonly ReadSession _session;
    private readonly CatalogFilter _filter;
    private RecordKey? _after;
    private bool _done;

    internal CatalogSnapshot(ReadSession session, CatalogFilter filter, ulong seq)
    {
        _session = session;
        _filter = filter;
        Seq = seq;
    }

    /// <summary>The catalog sequence number the snapshot is consistent at.</summary>
    public ulong Seq { get; }

    /// <summary>Records returned so far.</summary>
    public ulong Count { get; private set; }

    /// <summary>The next page, in (center_id, local_id) order; empty once the snapshot is exhausted.</summary>
    public async Task<IReadOnlyList<Record>> ReadPageAsync(int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (_done)
        {
            return [];
        }

        var page = await FeedQueries.RecordsAsync(_session.Connection, _session.Transaction, _filter, _after, pageSize, cancellationToken);
        if (page.Count < pageSize)
        {
            _done = true;
        }

        if (page.Count > 0)
        {
            _after = new RecordKey(page[^1].Id.CenterId, page[^1].Id.LocalId);
            Count += (ulong)page.Count;
        }

        return page;
    }

    /// <summary>Ends the read transaction.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
