using Npgsql;

namespace FederatedPlatform.Catalog.Storage;

/// <summary>
/// Where the hub keeps its catalog in PostgreSQL. Several hub instances may open the same database:
/// they share one catalog, one gap-free catalog sequence and one change feed.
/// </summary>
public sealed class PostgresCatalogOptions
{
    /// <summary>
    /// Npgsql connection string, e.g. <c>Host=db;Username=fedplat;Password=…;Database=fedplat</c>. The
    /// database must exist; the schema is created at first start in the first schema of the search path.
    /// Required.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// How long the commit listener (LISTEN, which wakes this instance's watchers for commits made
    /// through other instances) waits before reconnecting after it lost its connection. Default 1 second.
    /// Watchers never depend on it alone: the hub also polls the change log.
    /// </summary>
    public TimeSpan ListenReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options; called once at start.</summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed, or the delay is not positive.</exception>
    public void EnsureValid()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("PostgresCatalogOptions.ConnectionString is required.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"PostgresCatalogOptions.ConnectionString is not a valid Npgsql connection string: {e.Message}", e);
        }

        if (ListenReconnectDelay <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("PostgresCatalogOptions.ListenReconnectDelay must be positive.");
        }
    }
}
