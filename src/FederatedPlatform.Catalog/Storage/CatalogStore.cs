using FederatedPlatform.Catalog.Cursors;
using FederatedPlatform.Catalog.Feed;
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
/// part works the same on any storage provider (SQLite today; PostgreSQL with several hub
/// instances is the same code behind the internal storage seam).
/// </summary>
public sealed class CatalogStore : IAsyncDisposable
{
    private readonly IStorageProvider _provider;

    private CatalogStore(
        IStorageProvider provider, HubIdentity identity, byte[] cursorKey, CatalogLimits limits, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _provider = provider;
        Identity = identity;
        Validator = new RecordValidator(limits);
        Cursors = new CursorCodec(identity.Epoch, cursorKey);
        var logger = loggerFactory.CreateLogger<CatalogStore>();
        Writer = new CatalogWriter(
            provider, new ChangeApplier(Validator, logger), new ResyncSweeper(Validator), identity.Epoch, time, logger);
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

    /// <summary>Opens (creating if needed) a catalog in a SQLite file.</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.SchemaTooNew"/>.</exception>
    public static async Task<CatalogStore> OpenSqliteAsync(
        SqliteCatalogOptions options,
        CatalogLimits limits,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        limits.EnsureValid();
        var provider = new SqliteStorageProvider(options);
        return await OpenAsync(provider, limits, time, loggerFactory ?? NullLoggerFactory.Instance, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static async Task<CatalogStore> OpenAsync(
        IStorageProvider provider, CatalogLimits limits, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        try
        {
            var (identity, key) = await SchemaInitializer.InitializeAsync(provider, time, cancellationToken);
            var store = new CatalogStore(provider, identity, key, limits, time, loggerFactory);
            var position = await store.Feed.GetPositionAsync(cancellationToken);
            CatalogLog.Opened(loggerFactory.CreateLogger<CatalogStore>(), provider.Description, identity.Epoch, position.HeadSeq, position.HorizonSeq);
            return store;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }
}
