using System.Data.Common;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Indexing;

/// <summary>
/// A derived structure kept in step with the catalog inside the catalog's own write transactions (the
/// search index): every transaction that commits record changes — published changes, resync records,
/// the resync sweep's tombstones — hands them to the indexer before it commits, so a change visible in
/// Watch is visible to the indexer's readers too, and a rollback undoes both. The catalog records, in
/// the same transaction, the last catalog sequence number the indexer has seen; at open it catches the
/// indexer up from there (or rebuilds it when it is missing or its position fell behind retention).
/// <para>
/// Storage-neutral: the indexer receives the provider's own ADO.NET transaction (SQLite or
/// PostgreSQL) and must write only through it.
/// </para>
/// </summary>
public interface ICatalogIndexer
{
    /// <summary>A stable name under which the catalog keeps the indexer's position, e.g. "search".</summary>
    string Name { get; }

    /// <summary>
    /// Creates the indexer's tables when missing, on a connection without a transaction; returns true
    /// when they were missing, so the catalog rebuilds the indexer from every live record.
    /// </summary>
    Task<bool> EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Work on records about to be written that needs no database (the search index analyses their text),
    /// called in the publishing stream's own task before the catalog's write lock; the same record
    /// instances reach <see cref="IndexAsync"/> if they are accepted. Rejected or stale records are never
    /// indexed, and records written by other paths (resync, catch-up) arrive unprepared.
    /// </summary>
    void Prepare(IReadOnlyList<Record> records)
    {
    }

    /// <summary>
    /// Applies record versions in catalog order inside <paramref name="transaction"/>: a live record
    /// replaces its previous version, a tombstone removes it. Batch the writes: this runs on the
    /// publish path, under the catalog's write lock.
    /// </summary>
    Task IndexAsync(DbTransaction transaction, IReadOnlyList<Record> records, CancellationToken cancellationToken);

    /// <summary>Removes everything indexed, before a rebuild, inside <paramref name="transaction"/>.</summary>
    Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken);
}
