using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Tests.TestSupport;

namespace FederatedPlatform.Node.Tests.Replication;

/// <summary>The replica against a scripted Watch: snapshot, live changes, deletes, reset, resume, and reads while the hub is gone.</summary>
public sealed class ReplicaFollowerTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeHub _hub = null!;

    public async Task InitializeAsync() => _hub = await FakeHub.StartAsync();

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Watch_NoCursor_AppliesSnapshotThenLiveChangesAndStoresCursor()
    {
        await using var sut = await StartNodeAsync();
        var watch = await _hub.NextWatchAsync();
        Assert.Empty(watch.Request.Cursor);
        Assert.Equal("Bearer " + NodeUnderTest.Token, watch.Headers.GetValue("authorization"));

        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 2));
        await watch.UpsertAsync(SampleRecords.Published("cn-sa", "s1", 1));
        await watch.SnapshotCompleteAsync(2, "c10");
        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "c10" && s.ReplicaRecords == 2);
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 3, "Changed"), "c11");
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 2, "Stale replay"), "c12");
        await watch.DeleteAsync("cn-sa", "s1", 2, "c13");
        await watch.UpsertAsync(SampleRecords.Published("cn-sa", "s1", 1, "Older than its tombstone"), "c14");

        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "c14");
        var e1 = await sut.Store.GetReplicaAsync(new RecordId { CenterId = "cn-eg", LocalId = "e1" });
        Assert.Equal((3UL, "Changed"), (e1!.Version, e1.Title["en"]));
        Assert.Null(await sut.Store.GetReplicaAsync(new RecordId { CenterId = "cn-sa", LocalId = "s1" }));
        Assert.Equal(1UL, (await sut.Store.GetStatusAsync()).ReplicaRecords);
    }

    [Fact]
    public async Task Watch_Restart_ResumesFromTheStoredCursor()
    {
        var path = _directory.File("node.db");
        await using (var first = await StartNodeAsync(path))
        {
            var watch = await _hub.NextWatchAsync();
            await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 1));
            await watch.SnapshotCompleteAsync(1, "c1");
            await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e2", 1), "c2");
            await first.WaitForStatusAsync(s => s.ReplicaCursor == "c2" && s.ReplicaRecords == 2);
        }

        await using var sut = await StartNodeAsync(path);
        var resumed = await _hub.NextWatchAsync();

        Assert.Equal("c2", resumed.Request.Cursor);
        Assert.Equal(2UL, (await sut.Store.GetStatusAsync()).ReplicaRecords);
    }

    [Fact]
    public async Task Watch_Reset_RebuildsFromTheSnapshotAndDropsWhatItDidNotContain()
    {
        await using var sut = await StartNodeAsync();
        var watch = await _hub.NextWatchAsync();
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 5));
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "gone", 1));
        await watch.SnapshotCompleteAsync(2, "c1");
        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "c1");
        watch.End(StatusCode.Unavailable, "hub restored from backup");

        var again = await _hub.NextWatchAsync();
        Assert.Equal("c1", again.Request.Cursor);
        await again.SendAsync(new WatchEvent { Reset = new Reset { Reason = ResetReason.OtherHubEpoch, Message = "restored" } });
        await again.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 2, "Restored version"));
        await again.SnapshotCompleteAsync(1, "r1");

        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "r1");
        var e1 = await sut.Store.GetReplicaAsync(new RecordId { CenterId = "cn-eg", LocalId = "e1" });
        Assert.Equal((2UL, "Restored version"), (e1!.Version, e1.Title["en"]));
        Assert.Null(await sut.Store.GetReplicaAsync(new RecordId { CenterId = "cn-eg", LocalId = "gone" }));
        Assert.Equal(1UL, (await sut.Store.GetStatusAsync()).ReplicaRecords);
    }

    [Fact]
    public async Task Watch_CutDuringSnapshot_NoCursorStoredAndNextSnapshotSweepsLeftovers()
    {
        await using var sut = await StartNodeAsync();
        var watch = await _hub.NextWatchAsync();
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 1));
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "deleted-meanwhile", 1));
        await sut.WaitForStatusAsync(s => s.ReplicaRecords == 2);
        watch.Cut();

        var again = await _hub.NextWatchAsync();
        Assert.Empty(again.Request.Cursor);
        await again.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 1));
        await again.SnapshotCompleteAsync(1, "c5");

        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "c5");
        Assert.Equal(1UL, (await sut.Store.GetStatusAsync()).ReplicaRecords);
    }

    [Fact]
    public async Task GetRecord_HubGone_ServedFromTheReplica()
    {
        await using var sut = await StartNodeAsync();
        var watch = await _hub.NextWatchAsync();
        await watch.UpsertAsync(SampleRecords.Published("cn-eg", "e1", 4));
        await watch.SnapshotCompleteAsync(1, "c1");
        await sut.WaitForStatusAsync(s => s.ReplicaCursor == "c1");

        await _hub.DisposeAsync();

        var record = await sut.CallAsync<GetRecordRequest, Record>("GetRecord", new GetRecordRequest { Id = new RecordId { CenterId = "cn-eg", LocalId = "e1" } });
        Assert.Equal(4UL, record.Version);
        _hub = await FakeHub.StartAsync();
    }

    [Fact]
    public async Task Watch_Unauthenticated_StopsReplication()
    {
        await using var sut = await StartNodeAsync(expectErrors: true);
        var watch = await _hub.NextWatchAsync();

        watch.End(StatusCode.Unauthenticated, "revoked");

        await sut.WaitUntilAsync(() => Task.FromResult(sut.Health.Snapshot().Stopped));
        Assert.Equal(1, _hub.WatchCallCount);
        Assert.Contains("Unauthenticated", sut.Health.Snapshot().LastError, StringComparison.Ordinal);
    }

    private Task<NodeUnderTest> StartNodeAsync(string? path = null, bool expectErrors = false) =>
        NodeUnderTest.StartAsync(path ?? _directory.File("node.db"), _hub.Address, expectErrors: expectErrors);
}
