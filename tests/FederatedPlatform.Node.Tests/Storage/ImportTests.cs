using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Tests.TestSupport;

namespace FederatedPlatform.Node.Tests.Storage;

public sealed class ImportTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ImportAsync_AllValid_CreatesEveryRecordWithItsOutboxEntry()
    {
        await using var sut = await OpenAsync();

        var result = await sut.ImportAsync([SampleRecords.Achievement("a1"), SampleRecords.Need("n1"), SampleRecords.Achievement("a2", "cn-om")]);

        Assert.True(result.Succeeded);
        Assert.Equal((3, 0, 0), (result.Created, result.Updated, result.Unchanged));
        var outbox = await sut.ReadOutboxAsync(1, 10, default);
        Assert.Equal([1UL, 2UL, 3UL], outbox.Select(e => e.Seq));
        Assert.Equal(3, (await sut.ListAsync(null)).Records.Count);
    }

    [Fact]
    public async Task ImportAsync_InvalidRows_WritesNothingAndReportsEachRow()
    {
        await using var sut = await OpenAsync();
        var badTitle = SampleRecords.Achievement("a2");
        badTitle.Title["ar"] = new string('ع', 301);
        var badCountry = SampleRecords.Need("n1");
        badCountry.Country = "Oman";

        var result = await sut.ImportAsync([SampleRecords.Achievement("a1"), badTitle, badCountry, SampleRecords.Achievement("x", "cn-eg")]);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(1, "title[ar]"), (2, "country"), (3, "id.center_id")],
            result.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal((0, 0, 0), (result.Created, result.Updated, result.Unchanged));
        Assert.Empty((await sut.ListAsync(null)).Records);
        Assert.Equal(0UL, (await sut.GetStatusAsync()).LastSeq);
    }

    [Fact]
    public async Task ImportAsync_DeletedIdAmongValidRows_RollsBackEverything()
    {
        await using var sut = await OpenAsync();
        await sut.CreateAsync(SampleRecords.Achievement("gone"));
        await sut.DeleteAsync(new RecordId { LocalId = "gone" });

        var result = await sut.ImportAsync([SampleRecords.Achievement("a1"), SampleRecords.Achievement("gone"), SampleRecords.Need("n1")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "id.local_id"), (error.Index, error.Field));
        Assert.Empty((await sut.ListAsync(null)).Records);
        Assert.Equal(2UL, (await sut.GetStatusAsync()).LastSeq);
        Assert.Equal(2UL, sut.LastSeq);
    }

    [Fact]
    public async Task ImportAsync_DuplicateLocalIds_ReportsTheRepeat()
    {
        await using var sut = await OpenAsync();

        var result = await sut.ImportAsync([SampleRecords.Achievement("a1"), SampleRecords.Need("a1")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains("duplicate", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SameRecordsTwice_SecondImportChangesNothing()
    {
        await using var sut = await OpenAsync();
        Record[] file = [SampleRecords.Achievement("a1"), SampleRecords.Need("n1")];
        await sut.ImportAsync(file);
        var changed = SampleRecords.Need("n1");
        changed.Status = RecordStatus.Closed;

        var again = await sut.ImportAsync(file);
        var edited = await sut.ImportAsync([SampleRecords.Achievement("a1"), changed]);

        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal((0, 1, 1), (edited.Created, edited.Updated, edited.Unchanged));
        Assert.Equal(2UL, (await sut.GetAsync("n1"))!.Version);
        Assert.Equal(3UL, sut.LastSeq);
    }

    [Fact]
    public async Task ImportAsync_TooManyRecords_InvalidArgument()
    {
        var options = new NodeOptions { CenterId = "cn-om", DatabasePath = _directory.File("node.db"), MaxImportRecords = 2 };
        await using var sut = await NodeStore.OpenAsync(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<NodeStoreException>(
            () => sut.ImportAsync([SampleRecords.Achievement("a1"), SampleRecords.Achievement("a2"), SampleRecords.Achievement("a3")]));

        Assert.Equal("records", error.Field);
    }

    private Task<NodeStore> OpenAsync() =>
        NodeStore.OpenAsync(new NodeOptions { CenterId = "cn-om", DatabasePath = _directory.File("node.db") }, TimeProvider.System);
}
