using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>An EF Core context on its own connection for small, non-transactional reads (registry listings).</summary>
internal sealed class ReadContext : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private ReadContext(DbConnection connection, CatalogDbContext context)
    {
        _connection = connection;
        Context = context;
    }

    public CatalogDbContext Context { get; }

    public static async Task<ReadContext> OpenAsync(IStorageProvider provider, CancellationToken cancellationToken)
    {
        var connection = await provider.OpenConnectionAsync(cancellationToken);
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        provider.ConfigureContext(options, connection);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return new ReadContext(connection, new CatalogDbContext(options.Options));
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
