using System.Data.Common;
using System.Runtime.CompilerServices;
using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;

namespace FederatedPlatform.Hub.Searching;

/// <summary>
/// Keeps a search index in the catalog's write transactions (one prepared index writer per commit), so
/// a change visible in Watch is findable by Search. Pass it to the catalog when opening it.
/// </summary>
/// <param name="index">The index, on the same database as the catalog.</param>
public sealed class SearchCatalogIndexer(ISearchIndex index) : ICatalogIndexer
{
    // Records analysed by Prepare in the publishing streams' tasks, keyed by the record instance that
    // reaches IndexAsync; an entry of a record that is never indexed (rejected, stale) goes with it.
    private readonly ConditionalWeakTable<Record, AnalysedRecord> _analysed = [];

    /// <inheritdoc />
    public string Name => "search";

    /// <inheritdoc />
    public async Task<bool> EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var existed = await index.SchemaExistsAsync(connection, cancellationToken);
        await index.EnsureSchemaAsync(connection, cancellationToken);
        return !existed;
    }

    /// <inheritdoc />
    public void Prepare(IReadOnlyList<Record> records)
    {
        foreach (var record in records)
        {
            _analysed.AddOrUpdate(record, AnalysedRecord.Of(record));
        }
    }

    /// <inheritdoc />
    public async Task IndexAsync(DbTransaction transaction, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        await using var writer = await index.OpenWriterAsync(transaction, cancellationToken);
        foreach (var record in records)
        {
            if (_analysed.TryGetValue(record, out var analysed))
            {
                _analysed.Remove(record);
                await writer.UpsertAsync(analysed, cancellationToken);
            }
            else
            {
                // Unprepared (resync, catch-up) or a tombstone, which removes the record.
                await writer.UpsertAsync(record, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken) => index.ClearAsync(transaction, cancellationToken);
}
