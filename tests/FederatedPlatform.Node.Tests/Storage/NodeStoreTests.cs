using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Tests.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Node.Tests.Storage;

public sealed class NodeStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CreateAsync_ValidRecord_StampsRecordAndCommitsOutboxEntry()
    {
        await using var sut = await OpenAsync();

        var created = await sut.CreateAsync(SampleRecords.Achievement("a1"));

        Assert.Equal("cn-om", created.Id.CenterId);
        Assert.Equal(1UL, created.Version);
        Assert.Equal(Timestamp.FromDateTimeOffset(_time.GetUtcNow()), created.CreatedAt);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        Assert.Equal(created, await sut.GetAsync("a1"));
        var outbox = await sut.ReadOutboxAsync(1, 10, default);
        var entry = Assert.Single(outbox);
        Assert.Equal(1UL, entry.Seq);
        Assert.Equal(created, entry.Record);
        Assert.Equal(1UL, sut.LastSeq);
    }

    [Fact]
    public async Task Writes_CreateUpdateDelete_AssignGapFreeSeqsAndIncreasingVersions()
    {
        await using var sut = await OpenAsync();

        await sut.CreateAsync(SampleRecords.Achievement("a1"));
        await sut.CreateAsync(SampleRecords.Need("n1"));
        _time.Advance(TimeSpan.FromMinutes(5));
        var changed = SampleRecords.Achievement("a1");
        changed.Status = RecordStatus.InNegotiation;
        var updated = await sut.UpdateAsync(changed, expectedVersion: 1);
        var tombstoneVersion = await sut.DeleteAsync(new RecordId { LocalId = "n1" });

        Assert.Equal(2UL, updated.Version);
        Assert.True(updated.UpdatedAt > updated.CreatedAt);
        Assert.Equal(2UL, tombstoneVersion);
        var outbox = await sut.ReadOutboxAsync(1, 10, default);
        Assert.Equal([1UL, 2UL, 3UL, 4UL], outbox.Select(e => e.Seq));
        Assert.Equal(["a1", "n1", "a1", "n1"], outbox.Select(e => e.Record.Id.LocalId));
        Assert.True(outbox[3].Record.Deleted);
        Assert.Null(await sut.GetAsync("n1"));
    }

    [Fact]
    public async Task CreateAsync_ConcurrentWriters_SeqsAreGapFreeAndUnique()
    {
        await using var sut = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => sut.CreateAsync(SampleRecords.Achievement($"a{i}")))).WithTimeout();

        var outbox = await sut.ReadOutboxAsync(1, 100, default);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (ulong)i), outbox.Select(e => e.Seq));
        Assert.Equal(40, outbox.Select(e => e.Record.Id.LocalId).Distinct().Count());
        Assert.Equal(40UL, sut.LastSeq);
    }

    [Fact]
    public async Task CreateAsync_InvalidRecord_WritesNothing()
    {
        await using var sut = await OpenAsync();
        var record = SampleRecords.Achievement("a1");
        record.Achievement.Trl = 12;

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => sut.CreateAsync(record));

        Assert.Equal(NodeStoreErrorCode.InvalidArgument, error.Code);
        Assert.Equal("achievement.trl", error.Field);
        Assert.Null(await sut.GetAsync("a1"));
        var status = await sut.GetStatusAsync();
        Assert.Equal(0UL, status.LastSeq);
        Assert.Empty(await sut.ReadOutboxAsync(1, 10, default));
    }

    [Fact]
    public async Task CreateAsync_RecordOfAnotherCenter_PermissionDenied()
    {
        await using var sut = await OpenAsync();

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => sut.CreateAsync(SampleRecords.Achievement("a1", "cn-eg")));

        Assert.Equal(NodeStoreErrorCode.PermissionDenied, error.Code);
        Assert.Equal("id.center_id", error.Field);
        Assert.Equal(0UL, sut.LastSeq);
    }

    [Fact]
    public async Task CreateAsync_DeletedLocalId_AlreadyExists()
    {
        await using var sut = await OpenAsync();
        await sut.CreateAsync(SampleRecords.Achievement("a1"));
        await sut.DeleteAsync(new RecordId { LocalId = "a1" });

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => sut.CreateAsync(SampleRecords.Achievement("a1")));

        Assert.Equal(NodeStoreErrorCode.AlreadyExists, error.Code);
        Assert.Equal(2UL, sut.LastSeq);
    }

    [Fact]
    public async Task UpdateAsync_ExpectedVersionDiffers_VersionMismatchAndUnchanged()
    {
        await using var sut = await OpenAsync();
        var created = await sut.CreateAsync(SampleRecords.Achievement("a1"));
        var changed = SampleRecords.Achievement("a1");
        changed.Organization = "Another organisation";

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => sut.UpdateAsync(changed, expectedVersion: 5));

        Assert.Equal(NodeStoreErrorCode.VersionMismatch, error.Code);
        Assert.Equal(created, await sut.GetAsync("a1"));
        Assert.Equal(1UL, sut.LastSeq);
    }

    [Fact]
    public async Task UpdateAsync_AbsentRecord_NotFound()
    {
        await using var sut = await OpenAsync();

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => sut.UpdateAsync(SampleRecords.Achievement("zz")));

        Assert.Equal(NodeStoreErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task OpenAsync_EveryStart_RaisesEpochDurably()
    {
        ulong first;
        await using (var store = await OpenAsync())
        {
            first = store.ProducerEpoch;
            await store.CreateAsync(SampleRecords.Achievement("a1"));
        }

        await using (var store = await OpenAsync())
        {
            Assert.Equal(first + 1, store.ProducerEpoch);
        }

        await using var sut = await OpenAsync();

        Assert.Equal(first + 2, sut.ProducerEpoch);
        Assert.Equal(1UL, sut.LastSeq);
        Assert.Equal(1UL, first);
    }

    [Fact]
    public async Task OpenAsync_FileOfAnotherCenter_Refuses()
    {
        await (await OpenAsync()).DisposeAsync();
        var options = Options();
        options.CenterId = "cn-eg";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeStore.OpenAsync(options, _time));

        Assert.Contains("cn-om", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_PagesInLocalIdOrder_WithFilter()
    {
        await using var sut = await OpenAsync();
        foreach (var id in new[] { "c", "a", "b", "d" })
        {
            await sut.CreateAsync(SampleRecords.Achievement(id));
        }

        await sut.CreateAsync(SampleRecords.Need("n"));
        var filter = new RecordFilter { Kinds = { RecordKind.Achievement } };

        var first = await sut.ListAsync(filter, pageSize: 3);
        var second = await sut.ListAsync(filter, pageSize: 3, first.NextPageToken);

        Assert.Equal(["a", "b", "c"], first.Records.Select(r => r.Id.LocalId));
        Assert.Equal(["d"], second.Records.Select(r => r.Id.LocalId));
        Assert.Empty(second.NextPageToken);
    }

    private Task<NodeStore> OpenAsync() => NodeStore.OpenAsync(Options(), _time);

    private NodeOptions Options() => new() { CenterId = "cn-om", DatabasePath = _directory.File("node.db") };
}
