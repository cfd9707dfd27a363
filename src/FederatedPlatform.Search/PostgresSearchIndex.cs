using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal;
using FederatedPlatform.Search.Internal.Postgres;

namespace FederatedPlatform.Search;

/// <summary>
/// The search index on PostgreSQL (12 or later; the connection is Npgsql's), with the same analysis, BM25
/// ranking, facets, paging and snippets as <see cref="SqliteSearchIndex"/>. Tables: <c>search_docs</c>
/// (filter fields), <c>search_payloads</c>, <c>search_doc_languages</c>, <c>search_doc_terms</c> (the
/// analysed terms, and the same terms as a tsvector under a GIN index to find documents; PostgreSQL's text
/// search configurations are never applied) and <c>search_term_docs</c> / <c>search_stats</c> (document
/// frequencies and totals for BM25). Use it in the catalog's schema so index updates share its transactions.
/// </summary>
public sealed class PostgresSearchIndex : ISearchIndex
{
    private readonly SearchEngine _engine;

    /// <summary>An index with the given options (validated here), or the defaults.</summary>
    public PostgresSearchIndex(SearchIndexOptions? options = null)
    {
        _engine = new SearchEngine(new PostgresSearchStore(), options ?? new SearchIndexOptions());
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
    public Task<SearchResult> SearchAsync(
        SearchQuery query, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        _engine.SearchAsync(query, connection, transaction, cancellationToken);

    /// <inheritdoc />
    public Task<TermStatistics> GetTermStatisticsAsync(
        IReadOnlyCollection<string> terms, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        _engine.GetTermStatisticsAsync(terms, connection, transaction, cancellationToken);
}
