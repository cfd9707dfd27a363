namespace FederatedPlatform.Catalog.Storage;

/// <summary>Where and how the hub keeps its catalog in an embedded SQLite file.</summary>
public sealed class SqliteCatalogOptions
{
    /// <summary>Path of the database file; created with its schema when missing. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// How long a statement waits for another process's write lock before failing. Default 5 seconds.
    /// Writers inside one hub process queue on an in-process gate instead, so this matters only when
    /// several processes open the same file (tools, a second hub by mistake).
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the options; called once at start.</summary>
    /// <exception cref="InvalidOperationException">The path is missing or the timeout is negative.</exception>
    public void EnsureValid()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new InvalidOperationException("SqliteCatalogOptions.Path is required.");
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new InvalidOperationException("SqliteCatalogOptions.BusyTimeout must not be negative.");
        }
    }
}
