using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

public abstract class ChangeFeedTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestCatalog _catalog = null!;

    private IChangeFeed Sut => _catalog.Store.Feed;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(store);
        await _catalog.AddCenterAsync(Center);
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task ReadChangesAsync_SmallPages_EveryChangeOnceInOrder()
    {
        for (var batch = 0; batch < 5; batch++)
        {
            await _catalog.ApplyAsync(Center, (ulong)batch + 1, TestRecords.Achievement(Center, $"a{batch}"));
        }

        var seen = new List<ulong>();
        ulong position = 0;
        FeedPage page;
        do
        {
            page = await Sut.ReadChangesAsync(position, CatalogFilter.All, maxChanges: 2, maxScan: 100, CancellationToken.None);
            Assert.True(page.Through > position || page.AtHead);
            seen.AddRange(page.Changes.Select(c => c.Seq));
            position = page.Through;
        }
        while (!page.AtHead);

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], seen);
    }

    [Fact]
    public async Task ReadChangesAsync_FullPageInsideCommit_ExtendedToCommitEnd()
    {
        var records = Enumerable.Range(0, 10).Select(i => TestRecords.Achievement(Center, $"a{i}")).ToArray();
        await _catalog.ApplyAsync(Center, 1, records);

        var page = await Sut.ReadChangesAsync(0, CatalogFilter.All, maxChanges: 3, maxScan: 100, CancellationToken.None);

        Assert.Equal(10, page.Changes.Count);
        Assert.Equal(10UL, page.Through);
    }

    [Fact]
    public async Task ReadChangesAsync_SectorFilter_OnlyMatchingChanges()
    {
        await _catalog.ApplyAsync(
            Center, 1,
            TestRecords.Achievement(Center, "a1", sector: Sector.Mining),
            TestRecords.Achievement(Center, "a2", sector: Sector.Medicine),
            TestRecords.Need(Center, "n1", sector: Sector.Mining, country: "EG"));
        var filter = CatalogFilter.Create(sectors: [Sector.Mining], countries: ["OM"]);

        var page = await Sut.ReadChangesAsync(0, filter, 100, 100, CancellationToken.None);

        Assert.Equal("a1", Assert.Single(page.Changes).LocalId);
        Assert.Equal(3UL, page.Through);
    }

    [Fact]
    public async Task ReadChangesAsync_RecordLeavesFilter_DeleteForThatWatcher()
    {
        var mining = CatalogFilter.Create(sectors: [Sector.Mining]);
        var medicine = CatalogFilter.Create(sectors: [Sector.Medicine]);
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1", sector: Sector.Mining));
        await _catalog.ApplyAsync(Center, 2, TestRecords.Achievement(Center, "a1", version: 2, sector: Sector.Medicine));
        await _catalog.ApplyAsync(Center, 3, TestRecords.Tombstone(Center, "a1", 3));

        var miningPage = await Sut.ReadChangesAsync(0, mining, 100, 100, CancellationToken.None);
        var medicinePage = await Sut.ReadChangesAsync(0, medicine, 100, 100, CancellationToken.None);

        Assert.Equal(
            [(1UL, FeedEventKind.Upsert), (2UL, FeedEventKind.Delete)],
            miningPage.Changes.Select(c => (c.Seq, c.Classify(mining))));
        Assert.Equal(
            [(2UL, FeedEventKind.Upsert), (3UL, FeedEventKind.Delete)],
            medicinePage.Changes.Select(c => (c.Seq, c.Classify(medicine))));
    }

    [Fact]
    public async Task ReadChangesAsync_NarrowFilter_ScanBoundedAndStillAdvances()
    {
        var records = Enumerable.Range(0, 20).Select(i => TestRecords.Achievement(Center, $"a{i}")).ToArray();
        await _catalog.ApplyAsync(Center, 1, records);

        var page = await Sut.ReadChangesAsync(0, CatalogFilter.Create(countries: ["CN"]), 100, maxScan: 5, CancellationToken.None);

        Assert.Empty(page.Changes);
        Assert.Equal(5UL, page.Through);
        Assert.False(page.AtHead);
    }

    [Fact]
    public async Task OpenSnapshotAsync_WritesDuringRead_SnapshotStaysConsistent()
    {
        await _catalog.ApplyAsync(Center, 1, Enumerable.Range(0, 5).Select(i => TestRecords.Achievement(Center, $"a{i}")).ToArray());
        await _catalog.ApplyAsync(Center, 6, TestRecords.Tombstone(Center, "a4", 2));

        await using var sut = await Sut.OpenSnapshotAsync(CatalogFilter.All, CancellationToken.None);
        var first = await sut.ReadPageAsync(2, CancellationToken.None);
        await _catalog.ApplyAsync(Center, 7, TestRecords.Tombstone(Center, "a3", 2), TestRecords.Achievement(Center, "a9"));
        var rest = new List<Record>();
        IReadOnlyList<Record> page;
        while ((page = await sut.ReadPageAsync(2, CancellationToken.None)).Count > 0)
        {
            rest.AddRange(page);
        }

        Assert.Equal(6UL, sut.Seq);
        Assert.Equal(["a0", "a1", "a2", "a3"], first.Concat(rest).Select(r => r.Id.LocalId));
        Assert.Equal(4UL, sut.Count);
    }

    [Fact]
    public async Task OpenSnapshotAsync_Filter_OnlyMatchingLiveRecords()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Need(Center, "n1"));

        await using var sut = await Sut.OpenSnapshotAsync(CatalogFilter.Create(kinds: [RecordKind.Need]), CancellationToken.None);

        Assert.Equal("n1", Assert.Single(await sut.ReadPageAsync(10, CancellationToken.None)).Id.LocalId);
        Assert.Empty(await sut.ReadPageAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task CompactAsync_OldTombstonesAndVersions_RemovedAndHorizonRaised()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        await _catalog.ApplyAsync(Center, 3, TestRecords.Achievement(Center, "a1", version: 2), TestRecords.Tombstone(Center, "a2", 2));
        _catalog.Time.Advance(TimeSpan.FromDays(8));
        await _catalog.ApplyAsync(Center, 5, TestRecords.Achievement(Center, "a3"));

        var sut = await Sut.CompactAsync(_catalog.Time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(4UL, sut.HorizonSeq);
        Assert.Equal(1, sut.TombstonesRemoved);
        Assert.Equal(3, sut.ChangesRemoved); // a1 v1, a2 v1 and a2's tombstone; a1 v2 is current and kept
        var tooOld = await Assert.ThrowsAsync<CatalogException>(() => Sut.ReadChangesAsync(3, CatalogFilter.All, 10, 10, CancellationToken.None));
        Assert.Equal(CatalogErrorCode.CursorTooOld, tooOld.Code);
        Assert.Equal(5UL, Assert.Single((await Sut.ReadChangesAsync(4, CatalogFilter.All, 10, 10, CancellationToken.None)).Changes).Seq);
        Assert.Equal(2UL, (await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Version);
        await using var snapshot = await Sut.OpenSnapshotAsync(CatalogFilter.All, CancellationToken.None);
        Assert.Equal(["a1", "a3"], (await snapshot.ReadPageAsync(10, CancellationToken.None)).Select(r => r.Id.LocalId));
    }

    [Fact]
    public async Task CompactAsync_SupersededAfterEarlierPass_RemovedByLaterPass()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"));
        _catalog.Time.Advance(TimeSpan.FromDays(8));
        await Sut.CompactAsync(_catalog.Time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);
        await _catalog.ApplyAsync(Center, 2, TestRecords.Achievement(Center, "a1", version: 2));
        _catalog.Time.Advance(TimeSpan.FromDays(8));

        var sut = await Sut.CompactAsync(_catalog.Time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(2UL, sut.HorizonSeq);
        Assert.Equal(1, sut.ChangesRemoved);
        Assert.Equal(2UL, (await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Version);
    }
}

public sealed class SqliteChangeFeedTests() : ChangeFeedTests(SqliteTestStore.Instance);

public sealed class PostgresChangeFeedTests(PostgresDatabase database) : ChangeFeedTests(database), IClassFixture<PostgresDatabase>;
