using System.Data.Common;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search;

/// <summary>
/// The full-text index of the catalog. It owns its tables but never a connection: writes run in the
/// caller's transaction, so the hub indexes a change in the same commit as the catalog change (a
/// record visible in Watch is findable by Search), and reads run on the caller's connection, inside
/// its snapshot transaction when it has one. Analysis happens in C#; an engine stores the analysed
/// terms (SQLite: an FTS5 table that only splits on spaces).
/// </summary>
public interface ISearchIndex
{
    /// <summary>Creates the index tables when missing. Safe to call on every start.</summary>
    Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Whether the index tables exist (false before the first <see cref="EnsureSchemaAsync"/>).</summary>
    Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Removes every indexed record in <paramref name="transaction"/> (before a rebuild).</summary>
    Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Opens a writer enlisted in <paramref name="transaction"/>.</summary>
    Task<ISearchIndexWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Indexes one record (a tombstone removes it) in <paramref name="transaction"/>.</summary>
    Task UpsertAsync(Record record, DbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Removes one record in <paramref name="transaction"/>; false when it was not indexed.</summary>
    Task<bool> DeleteAsync(RecordId id, DbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges up to <paramref name="pages"/> pages of the full-text index towards one segment in
    /// <paramref name="transaction"/>; false when there was nothing left to merge. Each write transaction
    /// adds a segment and the engine's own merging keeps a few per size class (about twenty at a million
    /// records); every query term's list is read from each of them, so an index merged to one answers
    /// faster. Merging rewrites the whole index, so run it while no writes arrive, in steps short enough
    /// not to hold writers back. PostgreSQL's GIN index has no segments: always false there.
    /// </summary>
    Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a query. Throws <see cref="ArgumentException"/> for a page token of another query, a page size
    /// out of range or a malformed language tag.
    /// </summary>
    Task<SearchResult> SearchAsync(
        SearchQuery query, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default);

    /// <summary>Document frequencies of analysed terms, for weighting them (matchmaking explains matches with them).</summary>
    Task<TermStatistics> GetTermStatisticsAsync(
        IReadOnlyCollection<string> terms, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default);
}
