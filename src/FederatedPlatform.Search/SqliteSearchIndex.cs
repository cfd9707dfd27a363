using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal;
using FederatedPlatform.Search.Internal.Sqlite;

namespace FederatedPlatform.Search;

/// <summary>
/// The search index on SQLite (3.43 or later, with FTS5: the e_sqlite3 bundle qualifies). Tables:
/// <c>search_docs</c> (one row per record: its filter fields), <c>search_payloads</c> (the record without
/// its contact), <c>search_doc_languages</c>, the contentless FTS5 table <c>search_fts</c> holding the
/// analysed title, keywords and summary terms, <c>search_doc_terms</c> (the same terms, for ranking), and
/// <c>search_term_docs</c> / <c>search_stats</c> (document frequencies and totals for BM25).
/// Use it on the same database file as the catalog so that index updates share the catalog's transactions.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    private readonly SearchEngine _engine;

    /// <summary>An index with the given options (validated here), or the defaults.</summary>
    public SqliteSearchIndex(SearchIndexOptions? options = null)
    {
        _engine = new SearchEngine(new SqliteSearchStore(), options ?? new SearchIndexOptions());
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
