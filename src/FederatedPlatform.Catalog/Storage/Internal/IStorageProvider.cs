using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// The storage seam. Everything above it — apply, resync, change feed, retention, registry — is
/// written once against EF Core and SQL that SQLite (3.35+) and PostgreSQL both accept:
/// <c>INSERT … ON CONFLICT … DO UPDATE</c>, <c>UPDATE … RETURNING</c>, <c>@name</c> parameters,
/// boolean columns tested as <c>deleted</c> / <c>NOT deleted</c>, no engine-specific functions.
/// What differs per engine lives behind this interface:
/// <list type="bullet">
/// <item>how a connection is opened and tuned (SQLite: WAL, <c>synchronous=FULL</c>, busy timeout);</item>
/// <item>how writers are serialised: SQLite allows one writer per file, so an in-process gate queues
///   them instead of letting them spin on SQLITE_BUSY; PostgreSQL needs no gate, because the row locks
///   taken by the writes themselves (center row, then the catalog counter row) serialise what must be;</item>
/// <item>how a consistent read snapshot is opened (SQLite: a deferred transaction in WAL mode;
///   PostgreSQL: REPEATABLE READ, READ ONLY);</item>
/// <item>the EF Core provider, and on PostgreSQL the "C" collation of the id columns so that ordering by
///   id is byte order, as the resync digest and keyset paging assume;</item>
/// <item>how the schema is created (PostgreSQL: under an advisory lock, so that instances starting
///   together create it once, and only in the first schema of the search path);</item>
/// <item>how other processes learn of a commit: SQLite has one hub process per file, so nobody needs
///   telling; PostgreSQL sends a NOTIFY in each sequence-allocating transaction (delivered only if it
///   commits, in commit order) that every instance LISTENs for.</item>
/// </list>
/// </summary>
internal interface IStorageProvider : IAsyncDisposable
{
    /// <summary>Human-readable location for logs, never containing secrets.</summary>
    string Description { get; }

    /// <summary>Opens a tuned connection.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Points an EF Core context at an open connection of this provider.</summary>
    void ConfigureContext(DbContextOptionsBuilder<CatalogDbContext> builder, DbConnection connection);

    /// <summary>Waits for this process's turn to write; dispose the result to leave.</summary>
    ValueTask<IDisposable> EnterWriterAsync(CancellationToken cancellationToken);

    /// <summary>Starts a read-only transaction whose reads all see one consistent state.</summary>
    Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>One-time database settings, before the schema is created.</summary>
    Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Creates the tables unless they exist, inside the session's transaction.</summary>
    Task EnsureSchemaAsync(WriteSession session, CancellationToken cancellationToken);

    /// <summary>The schema is there and its identity known: commit announcements can be scoped to this catalog.</summary>
    void Opened(HubIdentity identity);

    /// <summary>
    /// Inside a transaction that allocated catalog numbers up to <paramref name="head"/>: tells the
    /// other processes sharing the database, once (and only if) it commits.
    /// </summary>
    Task AnnounceCommitAsync(WriteSession session, ulong head, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="wake"/> whenever another process may have committed catalog changes (and
    /// once after each (re)connection, for what was missed), until cancelled; never throws but on cancellation.
    /// </summary>
    Task ListenForCommitsAsync(Action wake, TimeProvider time, ILogger logger, CancellationToken cancellationToken);
}
