using System.Data.Common;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// The engine seam: everything SQL lives behind it. Analysis, paging tokens, facet counting, snippets
/// and matchmaking are engine-neutral C#, so PostgreSQL (analysed terms in a tsvector with the
/// 'simple' configuration, <c>ts_rank_cd</c> or a BM25 extension for ranking) is a second implementation
/// of this interface, not a rewrite.
/// </summary>
internal interface ISearchStore
{
    Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken);

    Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken);

    Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="PageRequest.Limit"/> hits after the keyset position, by tier, rank, then record id.</summary>
    Task<IReadOnlyList<StoredHit>> ReadPageAsync(
        DbConnection connection, DbTransaction? transaction, PageRequest request, CancellationToken cancellationToken);

    /// <summary>The filter fields of every record matching the terms, ignoring the filter (facets need the others).</summary>
    IAsyncEnumerable<FacetRow> ReadFacetRowsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<QueryTerm> terms, TermMatching matching, CancellationToken cancellationToken);

    Task<TermStatistics> ReadTermStatisticsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> terms, CancellationToken cancellationToken);
}
