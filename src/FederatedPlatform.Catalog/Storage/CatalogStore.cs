using FederatedPlatform.Catalog.Cursors;
using System.Data.Common;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Catalog.Storage.Internal;
using FederatedPlatform.Catalog.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedPlatform.Catalog.Storage;

/// <summary>
/// The hub's federated catalog: open it once at start and hand its parts to the services. Every
/// part works the same on either storage provider: an embedded SQLite file (one hub process), or
/// PostgreSQL shared by several hub instances (the same code behind the internal storage seam).
/// </summary>
public sealed class CatalogStore : IAsyncDisposable
{
    private readonly IStorageProvider _provider;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private CatalogStore(
        IStorageProvider provider,
        HubIdentity identity,
        byte[] cursorKey,
        CatalogLimits limits,
        CatalogIndexing indexing,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _provider = provider;
        _time = time;
        Identity = identity;
        Validator = new RecordValidator(limits);
        Cursors = new CursorCodec(identity.Epoch, cursorKey);
        var logger = loggerFactory.CreateLogger<CatalogStore>();
        _logger = logger;
        Writer = new CatalogWriter(
            provider, new ChangeApplier(Validator, logger), new ResyncSweeper(Validator), indexing, identity.Epoch, time, logger);
        Feed = new ChangeFeed(provider, new Compactor(provider, logger));
        Reader = new CatalogReader(provider);
        Registry = new CenterRegistry(provider, Validator, time, logger);
    }

    /// <summary>The database's identity (its epoch is the one in cursors and in Welcome.hub_epoch).</summary>
    public HubIdentity Identity { get; }

    /// <summary>The validator with the store's limits.</summary>
    public RecordValidator Validator { get; }

    /// <summary>Watch cursors signed with this database's key.</summary>
    public CursorCodec Cursors { get; }

    /// <summary>Publish intake.</summary>
    public ICatalogWriter Writer { get; }

    /// <summary>Change feed, snapshots and retention.</summary>
    public IChangeFeed Feed { get; }

    /// <summary>Point reads and listings.</summary>
    public ICatalogReader Reader { get; }

    /// <summary>Centers and credentials.</summary>
    public ICenterRegistry Registry { get; }

    /// <summary>
    /// Opens (creating if needed) a catalog in a SQLite file. With an <paramref name="indexer"/>, every
    /// write transaction indexes its changes before it commits, and opening catches the indexer up.
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.SchemaTooNew"/>.</exception>
    public static async Task<CatalogStore> OpenSqliteAsync(
        SqliteCatalogOptions options,
        CatalogLimits limits,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        ICatalogIndexer? indexer = null,
        CancellationToken cancellationToken = default)
    {
        limits.EnsureValid();
        var provider = new SqliteStorageProvider(options);
        return await OpenAsync(provider, limits, new CatalogIndexing(indexer), time, loggerFactory ?? NullLoggerFactory.Instance, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a consistent, read-only snapshot of the catalog database, for
    /// features that keep their own tables beside the catalog (search, matchmaking).
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var session = await ReadSession.BeginAsync(_provider, cancellationToken);
        return await read(session.Connection, session.Transaction, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction of the catalog database (serialised with the
    /// catalog's own writers) and commits it when it returns, for features that keep their own tables
    /// beside the catalog. Keep it short: publishing waits for it.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var session = await WriteSession.BeginAsync(_provider, cancellationToken);
        var result = await write(session.Transaction, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="action"/> on a connection of the catalog database without a transaction (schema creation).</summary>
    public async Task ExecuteAsync(Func<DbConnection, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var connection = await _provider.OpenConnectionAsync(cancellationToken);
        await action(connection, cancellationToken);
    }

    /// <summary>
    /// Opens (creating the schema if needed) a catalog in an existing PostgreSQL database. Any number of
    /// hub instances may open the same database at once.
    /// </summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.SchemaTooNew"/>.</exception>
    public static async Task<CatalogStore> OpenPostgresAsync(
        PostgresCatalogOptions options,
        CatalogLimits limits,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        ICatalogIndexer? indexer = null,
        CancellationToken cancellationToken = default)
    {
        limits.EnsureValid();
        var provider = new PostgresStorageProvider(options);
        return await OpenAsync(provider, limits, new CatalogIndexing(indexer), time, loggerFactory ?? NullLoggerFactory.Instance, cancellationToken);
    }

    /// <summary>Where the catalog lives, for logs (never contains secrets).</summary>
    public string Description => _provider.Description;

    /// <summary>
    /// Calls <paramref name="wake"/> whenever another hub instance sharing the database may have
    /// committed catalog changes, and once after each (re)connection, until cancelled. With SQLite
    /// (one hub process per file) it never calls. A wake is only a hint: read the change log to see.
    /// </summary>
    public Task ListenForCommitsAsync(Action wake, CancellationToken cancellationToken) =>
        _provider.ListenForCommitsAsync(wake, _time, _logger, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static async Task<CatalogStore> OpenAsync(
        IStorageProvider provider,
        CatalogLimits limits,
        CatalogIndexing indexing,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        try
        {
            var (identity, key) = await SchemaInitializer.InitializeAsync(provider, time, cancellationToken);
            provider.Opened(identity);
            var store = new CatalogStore(provider, identity, key, limits, indexing, time, loggerFactory);
            var position = await store.Feed.GetPositionAsync(cancellationToken);
            var logger = loggerFactory.CreateLogger<CatalogStore>();
            CatalogLog.Opened(logger, provider.Description, identity.Epoch, position.HeadSeq, position.HorizonSeq);
            if (await indexing.CatchUpAsync(provider, cancellationToken) is { } caughtUp)
            {
                CatalogLog.IndexerCaughtUp(
                    logger, caughtUp.Name, caughtUp.Rebuilt ? "rebuilt" : "caught up", caughtUp.From, caughtUp.To, caughtUp.Indexed);
            }
            return store;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }
}
