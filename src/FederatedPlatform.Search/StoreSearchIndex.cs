using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal;

namespace FederatedPlatform.Search;

/// <summary>
/// What <see cref="SqliteSearchIndex"/> and <see cref="PostgresSearchIndex"/> share: the analysis, ranking,
/// facets, paging and snippets of one search engine over a store-specific table layout.
/// </summary>
public abstract class StoreSearchIndex : ISearchIndex
{
    private readonly SearchEngine _engine;

    private protected StoreSearchIndex(ISearchStore store, SearchIndexOptions? options)
    {
        _engine = new SearchEngine(store, options ?? new SearchIndexOptions());
    }

    /// <inheritdoc />
    public Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        _engine.EnsureSchemaAsync(connection, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        _engine.SchemaExistsAsync(connection, cancellationToken);

    /// <inheritdoc />
    public Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken = default) =>
        _engine.ClearAsync(transaction, cancellationToken);

    /// <inheritdoc />
    public Task<ISearchIndexWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken = default) =>
        _engine.OpenWriterAsync(transaction, cancellationToken);

    /// <inheritdoc />
    public Task UpsertAsync(Record record, DbTransaction transaction, CancellationToken cancellationToken = default) =>
        _engine.UpsertAsync(record, transaction, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(RecordId id, DbTransaction transaction, CancellationToken cancellationToken = default) =>
        _engine.DeleteAsync(id, transaction, cancellationToken);

    /// <inheritdoc />
    public Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken = default) =>
        _engine.MergeAsync(transaction, pages, cancellationToken);

    /// <inheritdoc />
    public Task<SearchResult> SearchAsync(
        SearchQuery query, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        _engine.SearchAsync(query, connection, transaction, cancellationToken);

    /// <inheritdoc />
    public Task<TermStatistics> GetTermStatisticsAsync(
        IReadOnlyCollection<string> terms, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        _engine.GetTermStatisticsAsync(terms, connection, transaction, cancellationToken);
}
