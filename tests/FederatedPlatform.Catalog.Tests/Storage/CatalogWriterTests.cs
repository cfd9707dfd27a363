using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

public abstract class CatalogWriterTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestCatalog _catalog = null!;

    private CatalogStore Store => _catalog.Store;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(store);
        await _catalog.AddCenterAsync(Center);
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_NewRecords_AppliedWithConsecutiveCatalogSeqs()
    {
        var sut = await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Need(Center, "n1"));

        Assert.Equal(2UL, sut.AppliedSeq);
        Assert.Equal([1UL, 2UL], sut.Outcomes.Select(o => o.CatalogSeq));
        Assert.All(sut.Outcomes, o => Assert.Equal(ChangeDisposition.Applied, o.Disposition));
        Assert.All(sut.Committed, c => Assert.Equal(2UL, c.CommitEndSeq));
        Assert.Equal(TestRecords.Need(Center, "n1"), await Store.Reader.GetRecordAsync(Center, "n1", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_AlreadyAppliedSeqs_DroppedAsDuplicates()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));

        var sut = await _catalog.ApplyAsync(
            Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"), TestRecords.Achievement(Center, "a3"));

        Assert.Equal(3UL, sut.AppliedSeq);
        Assert.Equal(
            [ChangeDisposition.Duplicate, ChangeDisposition.Duplicate, ChangeDisposition.Applied],
            sut.Outcomes.Select(o => o.Disposition));
        Assert.Equal(3UL, sut.Outcomes[2].CatalogSeq);
    }

    [Fact]
    public async Task ApplyAsync_Gap_AppliesPrefixAndNamesExpectedSeq()
    {
        var changes = new[] { 1UL, 2UL, 4UL }.Select(s => TestRecords.Change(s, TestRecords.Achievement(Center, $"a{s}"))).ToList();

        var sut = await Store.Writer.ApplyAsync(Center, 1, changes, CancellationToken.None);

        Assert.Equal(3UL, sut.ExpectedSeq);
        Assert.Equal(2UL, sut.AppliedSeq);
        Assert.Equal(2, sut.Outcomes.Count);
        Assert.Null(await Store.Reader.GetRecordAsync(Center, "a4", CancellationToken.None));
        Assert.Equal(2UL, (await Store.Writer.OpenPublishAsync(Center, 1, 0, CancellationToken.None)).AppliedSeq);
    }

    [Fact]
    public async Task ApplyAsync_OlderEpochAfterNewerHello_Fenced()
    {
        await Store.Writer.OpenPublishAsync(Center, 2, 0, CancellationToken.None);

        var apply = await Assert.ThrowsAsync<CatalogException>(() => _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1")));
        var hello = await Assert.ThrowsAsync<CatalogException>(() => Store.Writer.OpenPublishAsync(Center, 1, 0, CancellationToken.None));

        Assert.Equal(CatalogErrorCode.EpochFenced, apply.Code);
        Assert.Equal(CatalogErrorCode.EpochFenced, hello.Code);
        Assert.Null(await Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_AnotherCentersRecord_RejectedAndSeqConsumed()
    {
        await _catalog.AddCenterAsync("cn-eg");

        var sut = await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement("cn-eg", "x1"), TestRecords.Achievement(Center, "a2"));

        var rejection = sut.Outcomes[0].Rejection!;
        Assert.Equal(RejectionCode.PermissionDenied, rejection.Code);
        Assert.Equal("id.center_id", rejection.Field);
        Assert.Equal(1UL, rejection.Seq);
        Assert.Equal(2UL, sut.AppliedSeq);
        Assert.Equal(1UL, sut.Outcomes[1].CatalogSeq);
        Assert.Null(await Store.Reader.GetRecordAsync("cn-eg", "x1", CancellationToken.None));
        var progress = await Store.Registry.GetProgressAsync(CancellationToken.None);
        Assert.Equal(1UL, progress.Single(p => p.CenterId == Center).RejectedCount);
    }

    [Fact]
    public async Task ApplyAsync_InvalidUpdate_RejectedAndStoredVersionUnchanged()
    {
        var original = TestRecords.Achievement(Center, "a1");
        await _catalog.ApplyAsync(Center, 1, original);
        var invalid = TestRecords.Achievement(Center, "a1", version: 2);
        invalid.Title["ar"] = new string('ت', 301);

        var sut = await _catalog.ApplyAsync(Center, 2, invalid);

        var outcome = Assert.Single(sut.Outcomes);
        Assert.Equal(ChangeDisposition.Rejected, outcome.Disposition);
        Assert.Equal("title[ar]", outcome.Rejection!.Field);
        Assert.Equal("longer than 300 characters", outcome.Rejection.Reason);
        Assert.Equal(2UL, sut.AppliedSeq);
        Assert.Equal(original, await Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
        Assert.Equal(1UL, (await Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
    }

    [Fact]
    public async Task ApplyAsync_VersionNotHigher_StaleNoOpButSeqConsumed()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1", version: 5));
        var older = TestRecords.Achievement(Center, "a1", version: 5, sector: Sector.Mining);

        var sut = await _catalog.ApplyAsync(Center, 2, older, TestRecords.Achievement(Center, "a1", version: 4));

        Assert.All(sut.Outcomes, o => Assert.Equal(ChangeDisposition.Stale, o.Disposition));
        Assert.Equal(3UL, sut.AppliedSeq);
        Assert.Equal(Sector.Desalination, (await Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Sector);
        Assert.Equal(1UL, (await Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
    }

    [Fact]
    public async Task ApplyAsync_Tombstone_RecordGoneAndDeleteLogged()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"));

        var sut = await _catalog.ApplyAsync(Center, 2, TestRecords.Tombstone(Center, "a1", 2));

        Assert.Equal(ChangeDisposition.Applied, sut.Outcomes[0].Disposition);
        Assert.Null(await Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
        var change = Assert.Single(sut.Committed);
        Assert.True(change.Deleted);
        Assert.Equal(Feed.FeedEventKind.Delete, change.Classify(CatalogFilter.All));
        var stale = await _catalog.ApplyAsync(Center, 3, TestRecords.Achievement(Center, "a1", version: 2));
        Assert.Equal(ChangeDisposition.Stale, stale.Outcomes[0].Disposition);
    }

    [Fact]
    public async Task ApplyAsync_SameRecordTwiceInBatch_BothVersionsLoggedInOrder()
    {
        var sut = await _catalog.ApplyAsync(
            Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a1", version: 2, sector: Sector.Mining));

        Assert.Equal([1UL, 2UL], sut.Committed.Select(c => c.Version));
        Assert.Equal(Sector.Desalination, sut.Committed[1].Previous!.Value.Sector);
        Assert.Equal(Sector.Mining, (await Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Sector);
    }

    [Fact]
    public async Task ApplyAsync_UnknownCenter_CenterNotFound()
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => _catalog.ApplyAsync("cn-xx", 1, TestRecords.Achievement("cn-xx", "a1")));

        Assert.Equal(CatalogErrorCode.CenterNotFound, error.Code);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentCenters_CatalogSeqGapFreeAndCommitsContiguous()
    {
        string[] centers = ["c1", "c2", "c3", "c4"];
        foreach (var center in centers)
        {
            await _catalog.AddCenterAsync(center);
        }

        await Task.WhenAll(centers.Select(center => Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var records = Enumerable.Range(0, 7).Select(i => TestRecords.Achievement(center, $"r{(batch * 7) + i}")).ToArray();
                await _catalog.ApplyAsync(center, (ulong)(batch * 7) + 1, records);
            }
        })));

        var page = await Store.Feed.ReadChangesAsync(0, CatalogFilter.All, 10_000, 10_000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 280).Select(i => (ulong)i), page.Changes.Select(c => c.Seq));
        foreach (var commit in page.Changes.GroupBy(c => c.CommitEndSeq))
        {
            Assert.Single(commit.Select(c => c.CenterId).Distinct());
            Assert.Equal(7, commit.Count());
        }
    }

    [Fact]
    public async Task OpenPublishAsync_AfterReopen_AppliedSeqAndEpochSurvive()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"));
        await Store.DisposeAsync();

        await using var reopened = await _catalog.Location.OpenAsync(null, _catalog.Time);
        var sut = await reopened.Writer.OpenPublishAsync(Center, 1, 0, CancellationToken.None);

        Assert.Equal(1UL, sut.AppliedSeq);
        Assert.Equal(Store.Identity.Epoch, reopened.Identity.Epoch);
        Assert.NotNull(await reopened.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
    }
}

public sealed class SqliteCatalogWriterTests() : CatalogWriterTests(SqliteTestStore.Instance);

public sealed class PostgresCatalogWriterTests(PostgresDatabase database) : CatalogWriterTests(database), IClassFixture<PostgresDatabase>;
