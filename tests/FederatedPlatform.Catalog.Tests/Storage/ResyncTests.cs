using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

public abstract class ResyncTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestCatalog _catalog = null!;

    private ICatalogWriter Sut => _catalog.Store.Writer;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(store);
        await _catalog.AddCenterAsync(Center);
        await _catalog.AddCenterAsync("cn-eg");
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"), TestRecords.Need(Center, "n1"));
        await _catalog.ApplyAsync("cn-eg", 1, TestRecords.Achievement("cn-eg", "e1"));
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task EndResyncAsync_MatchingSnapshot_TombstonesMissingAndSetsAppliedSeq()
    {
        Record[] snapshot = [TestRecords.Achievement(Center, "a2", version: 2), TestRecords.Need(Center, "n1")];
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);
        await Sut.ApplyResyncRecordsAsync(Center, 1, snapshot, CancellationToken.None);

        var sut = await Sut.EndResyncAsync(Center, 1, End(snapshot, seq: 10), CancellationToken.None);

        Assert.True(sut.Matched);
        Assert.Equal(10UL, sut.AppliedSeq);
        var tombstone = Assert.Single(sut.Committed);
        Assert.Equal(("a1", 2UL, true), (tombstone.LocalId, tombstone.Version, tombstone.Deleted));
        Assert.Null(await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
        Assert.Equal(2UL, (await _catalog.Store.Reader.GetRecordAsync(Center, "a2", CancellationToken.None))!.Version);
        Assert.NotNull(await _catalog.Store.Reader.GetRecordAsync("cn-eg", "e1", CancellationToken.None));
        Assert.Equal(10UL, (await Sut.OpenPublishAsync(Center, 1, 0, CancellationToken.None)).AppliedSeq);
    }

    [Fact]
    public async Task EndResyncAsync_DigestMismatch_NothingDeleted()
    {
        Record[] snapshot = [TestRecords.Need(Center, "n1")];
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);
        await Sut.ApplyResyncRecordsAsync(Center, 1, snapshot, CancellationToken.None);
        var end = End(snapshot, seq: 10);
        end.Digest = ResyncDigest.Compute([("n1", 2)]);

        var sut = await Sut.EndResyncAsync(Center, 1, end, CancellationToken.None);

        Assert.False(sut.Matched);
        Assert.Empty(sut.Committed);
        Assert.Equal(3UL, sut.AppliedSeq);
        Assert.NotNull(await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
        var again = await Assert.ThrowsAsync<CatalogException>(() => Sut.EndResyncAsync(Center, 1, end, CancellationToken.None));
        Assert.Equal(CatalogErrorCode.ResyncNotStarted, again.Code);
    }

    [Fact]
    public async Task EndResyncAsync_CountMismatch_NothingDeleted()
    {
        Record[] snapshot = [TestRecords.Need(Center, "n1")];
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);
        await Sut.ApplyResyncRecordsAsync(Center, 1, snapshot, CancellationToken.None);
        var end = End(snapshot, seq: 10);
        end.Count = 2;

        var sut = await Sut.EndResyncAsync(Center, 1, end, CancellationToken.None);

        Assert.False(sut.Matched);
        Assert.Equal(1UL, sut.HubCount);
        Assert.NotNull(await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyResyncRecordsAsync_WithoutBegin_ResyncNotStarted()
    {
        var error = await Assert.ThrowsAsync<CatalogException>(
            () => Sut.ApplyResyncRecordsAsync(Center, 1, [TestRecords.Need(Center, "n1")], CancellationToken.None));

        Assert.Equal(CatalogErrorCode.ResyncNotStarted, error.Code);
    }

    [Fact]
    public async Task ApplyAsync_DuringResync_ResyncInProgress()
    {
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<CatalogException>(() => _catalog.ApplyAsync(Center, 4, TestRecords.Need(Center, "n9")));

        Assert.Equal(CatalogErrorCode.ResyncInProgress, error.Code);
    }

    [Fact]
    public async Task OpenPublishAsync_NewerEpochDuringResync_AbandonsOldResync()
    {
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);
        await Sut.OpenPublishAsync(Center, 2, 0, CancellationToken.None);

        var fenced = await Assert.ThrowsAsync<CatalogException>(() => Sut.EndResyncAsync(Center, 1, End([], 0), CancellationToken.None));
        var abandoned = await Assert.ThrowsAsync<CatalogException>(() => Sut.EndResyncAsync(Center, 2, End([], 0), CancellationToken.None));

        Assert.Equal(CatalogErrorCode.EpochFenced, fenced.Code);
        Assert.Equal(CatalogErrorCode.ResyncNotStarted, abandoned.Code);
        Assert.NotNull(await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyResyncRecordsAsync_InvalidRecord_RejectedButNotSwept()
    {
        var invalid = TestRecords.Achievement(Center, "a1", version: 3);
        invalid.Achievement.Trl = 12;
        Record[] snapshot = [invalid, TestRecords.Achievement(Center, "a2"), TestRecords.Need(Center, "n1")];
        await Sut.BeginResyncAsync(Center, 1, CancellationToken.None);

        var page = await Sut.ApplyResyncRecordsAsync(Center, 1, snapshot, CancellationToken.None);
        var sut = await Sut.EndResyncAsync(Center, 1, End(snapshot, 3), CancellationToken.None);

        Assert.Equal("achievement.trl", page.Outcomes[0].Rejection!.Field);
        Assert.Equal(0UL, page.Outcomes[0].Rejection!.Seq);
        Assert.True(sut.Matched);
        Assert.Empty(sut.Committed);
        Assert.Equal(1UL, (await _catalog.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Version);
    }

    private static ResyncEnd End(IEnumerable<Record> snapshot, ulong seq)
    {
        var list = snapshot.ToList();
        return new ResyncEnd
        {
            Count = (ulong)list.Count,
            Digest = ResyncDigest.Compute(list.Select(r => (r.Id.LocalId, r.Version))),
            Seq = seq,
        };
    }
}

public sealed class SqliteResyncTests() : ResyncTests(SqliteTestStore.Instance);

public sealed class PostgresResyncTests(PostgresDatabase database) : ResyncTests(database), IClassFixture<PostgresDatabase>;
