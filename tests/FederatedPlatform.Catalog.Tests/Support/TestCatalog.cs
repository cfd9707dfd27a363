using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Tests.Support;

/// <summary>A catalog in a temporary SQLite file (WAL needs a real file), deleted on dispose.</summary>
internal sealed class TestCatalog : IAsyncDisposable
{
    private TestCatalog(string path, CatalogStore store, ManualTimeProvider time)
    {
        Path = path;
        Store = store;
        Time = time;
    }

    public string Path { get; }

    public CatalogStore Store { get; }

    public ManualTimeProvider Time { get; }

    public static async Task<TestCatalog> CreateAsync(CatalogLimits? limits = null, ICatalogIndexer? indexer = null, string? path = null)
    {
        path ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fedplat-catalog-{Guid.NewGuid():N}.db");
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var store = await CatalogStore.OpenSqliteAsync(
            new SqliteCatalogOptions { Path = path }, limits ?? new CatalogLimits(), time, indexer: indexer);
        return new TestCatalog(path, store, time);
    }

    /// <summary>Closes the store without deleting the file, so a test can reopen it.</summary>
    public ValueTask CloseAsync() => Store.DisposeAsync();

    /// <summary>Registers a center and says hello with epoch 1.</summary>
    public async Task AddCenterAsync(string centerId, ulong epoch = 1)
    {
        var request = new RegisterCenterRequest { CenterId = centerId, Country = "OM" };
        request.Names.Add("en", $"Center {centerId}");
        await Store.Registry.RegisterCenterAsync(request, CancellationToken.None);
        await Store.Writer.OpenPublishAsync(centerId, epoch, 0, CancellationToken.None);
    }

    /// <summary>Applies changes with consecutive seqs starting at <paramref name="firstSeq"/>.</summary>
    public Task<ApplyResult> ApplyAsync(string centerId, ulong firstSeq, params Record[] records) =>
        Store.Writer.ApplyAsync(
            centerId, 1, records.Select((r, i) => TestRecords.Change(firstSeq + (ulong)i, r)).ToList(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
