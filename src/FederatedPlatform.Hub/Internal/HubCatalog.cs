using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Hub.Authentication.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Internal;

/// <summary>
/// Opens the catalog (creating its schema, catching the search index up) before anything else starts, bootstraps the operator
/// credential, and closes the catalog after the server has stopped.
/// </summary>
internal sealed class HubCatalog(IOptions<HubOptions> options, TimeProvider time, ILoggerFactory loggers, ICatalogIndexer indexer)
    : IHostedLifecycleService
{
    private readonly ILogger _logger = loggers.CreateLogger<HubCatalog>();
    private CatalogStore? _store;

    /// <summary>The open catalog.</summary>
    /// <exception cref="InvalidOperationException">The hub has not started.</exception>
    public CatalogStore Store => _store ?? throw new InvalidOperationException("The catalog is not open: the hub has not started.");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var hub = options.Value;
        if (hub.PostgresConnectionString is { } connectionString)
        {
            _store = await CatalogStore.OpenPostgresAsync(
                new PostgresCatalogOptions { ConnectionString = connectionString }, hub.Limits, time, loggers, indexer, cancellationToken);
        }
        else
        {
            var path = Path.GetFullPath(hub.DatabasePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _store = await CatalogStore.OpenSqliteAsync(new SqliteCatalogOptions { Path = path, BusyTimeout = hub.DatabaseBusyTimeout }, hub.Limits, time, loggers, indexer, cancellationToken);
        }

        await OperatorBootstrap.RunAsync(_store.Registry, hub.ResolveOperatorTokenPath(), _logger, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _store, null) is { } store)
        {
            await store.DisposeAsync();
        }
    }
}
