using System.Data.Common;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// The engine seam: everything SQL lives behind it. Analysis, ranking (<see cref="Bm25Scorer"/>), tiers,
/// paging tokens, facet counting, snippets and matchmaking are engine-neutral C#; a store only finds
/// matching documents, newest first, and reads what was stored for them. PostgreSQL would be a second
/// implementation: analysed terms in a tsvector with the 'simple' configuration and a GIN index to find
/// documents, and the same side tables (analysed fields, payloads, document frequencies, totals).
/// Every read that takes a limit stops there, which is what bounds a query's cost on a large catalog.
/// </summary>
internal interface ISearchStore
{
    Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken);

    Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken);

    Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>One step of merging the full-text index towards one segment; false when nothing was left to merge.</summary>
    Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken);

    /// <summary>Documents, their total terms, and the documents holding each of the terms (in order), as maintained by the writer.</summary>
    Task<CorpusStatistics> ReadStatisticsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<QueryTerm> terms, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> documents in <paramref name="scope"/> that pass the filter, newest (highest doc id) first.</summary>
    Task<IReadOnlyList<Candidate>> ReadCandidatesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IReadOnlyList<QueryTerm> terms,
        CandidateScope scope,
        SearchFilter filter,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>Without query terms: up to <paramref name="limit"/> documents passing the filter after the keyset position, by record id.</summary>
    Task<IReadOnlyList<StoredHit>> ReadListingAsync(
        DbConnection connection, DbTransaction? transaction, SearchFilter filter, PageKey? after, int limit, CancellationToken cancellationToken);

    /// <summary>The stored records of the given documents.</summary>
    Task<IReadOnlyDictionary<long, byte[]>> ReadPayloadsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> docIds, CancellationToken cancellationToken);

    /// <summary>
    /// The filter fields of up to <paramref name="limit"/> documents matching the terms (every document without
    /// terms), newest first, ignoring the filter (facets need the others).
    /// </summary>
    IAsyncEnumerable<FacetRow> ReadFacetRowsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IReadOnlyList<QueryTerm> terms,
        TermMatching matching,
        int limit,
        CancellationToken cancellationToken);

    Task<TermStatistics> ReadTermStatisticsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> terms, CancellationToken cancellationToken);
}
