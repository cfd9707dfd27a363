using System.Data.Common;
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
    public async Task IndexAsync(DbTransaction transaction, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        await using var writer = await index.OpenWriterAsync(transaction, cancellationToken);
        foreach (var record in records)
        {
            // A tombstone removes the record.
            await writer.UpsertAsync(record, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken) => index.ClearAsync(transaction, cancellationToken);
}
