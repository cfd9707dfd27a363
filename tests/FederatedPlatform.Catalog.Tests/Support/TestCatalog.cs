using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Support;

/// <summary>A catalog in a fresh location of the store under test (a temporary SQLite file or PostgreSQL schema), removed on dispose.</summary>
internal sealed class TestCatalog : IAsyncDisposable
{
    private TestCatalog(TestStoreLocation location, CatalogStore store, ManualTimeProvider time)
    {
        Location = location;
        Store = store;
        Time = time;
    }

    public TestStoreLocation Location { get; }

    public CatalogStore Store { get; }

    public ManualTimeProvider Time { get; }

    public static async Task<TestCatalog> CreateAsync(
        ITestStore testStore, CatalogLimits? limits = null, ICatalogIndexer? indexer = null, TestStoreLocation? location = null)
    {
        location ??= await testStore.CreateLocationAsync();
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var store = await location.OpenAsync(limits, time, indexer: indexer);
        return new TestCatalog(location, store, time);
    }

    /// <summary>Closes the store without deleting its location, so a test can reopen it.</summary>
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
        await Location.DeleteAsync();
    }
}
