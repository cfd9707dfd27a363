using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Hub.Retention.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Federation.Tests.Watching;

/// <summary>
/// Tombstone retention end to end through a running hub: its retention loop compacts when the hub's
/// clock moves past the horizon, and a cursor from before is answered with a reset and a fresh snapshot.
/// </summary>
public abstract class ExpiredCursorTests(ITestStore store)
{
    private const string Om = "cn-om";
    private const string Eg = "cn-eg";

    [Fact]
    public async Task Watch_CursorCompactedAway_ResetThenFreshSnapshotThenLive()
    {
        await using var federation = await StartAsync([Om]);
        var node = federation[Om].Api;
        foreach (var id in new[] { "a1", "a2", "a3" })
        {
            await node.CreateAsync(TestRecords.Achievement(Om, id));
        }

        await federation.WaitConvergedAsync();
        string cursor;
        using (var first = federation.Operator.Watch())
        {
            var (records, complete) = await first.ReadSnapshotAsync();
            Assert.Equal(3, records.Count);
            cursor = complete.Cursor;
        }

        await node.DeleteAsync(Id("a1"));
        await node.UpdateAsync(TestRecords.Achievement(Om, "a2", title: "Solar desalination, second edition"));
        await federation.WaitConvergedAsync();

        await CompactEverythingAsync(federation);

        using var sut = federation.Operator.Watch(cursor: cursor);
        var reset = await sut.NextChangeAsync();
        Assert.Equal(WatchEvent.KindOneofCase.Reset, reset.KindCase);
        Assert.Equal(ResetReason.CursorTooOld, reset.Reset.Reason);
        var (snapshot, marker) = await sut.ReadSnapshotAsync();
        Assert.Null(CatalogView.Live(snapshot).Difference(CatalogView.Live(await federation.Operator.ListAllRecordsAsync())));
        Assert.Equal(["cn-om/a2", "cn-om/a3"], snapshot.Select(CatalogView.KeyOf));
        Assert.Equal(2UL, marker.SnapshotComplete.Count);

        var a4 = await node.CreateAsync(TestRecords.Achievement(Om, "a4"));
        var live = Assert.Single(await sut.ReadChangesAsync(1));
        Assert.Equal(a4, live.Upsert.Record);
    }

    [Fact]
    public async Task NodeReplica_OfflineWhileTombstonesCompacted_RebuiltWithoutDeletedRecords()
    {
        await using var federation = await StartAsync([Om, Eg]);
        var om = federation[Om].Api;
        await om.CreateAsync(TestRecords.Achievement(Om, "a1"));
        await om.CreateAsync(TestRecords.Achievement(Om, "a2"));
        await federation.WaitConvergedAsync();

        // The Egyptian node's replica cursor now sits before the deletion; compaction forgets the
        // tombstone, so only a reset and a fresh snapshot can tell the node that a1 is gone.
        await federation.StopNodeAsync(Eg);
        await om.DeleteAsync(Id("a1"));
        await om.UpdateAsync(TestRecords.Achievement(Om, "a2", title: "Solar desalination, second edition"));
        await federation.WaitConvergedAsync();
        await CompactEverythingAsync(federation);

        await federation.StartNodeAsync(Eg);
        await federation.WaitConvergedAsync();

        var replica = CatalogView.Live(await federation[Eg].Api.ListReplicaAsync());
        Assert.Equal(["cn-om/a2"], replica.Records.Keys);
        Assert.Equal(2UL, replica.Records["cn-om/a2"].Version);
    }

    private Task<TestSupport.Federation> StartAsync(string[] centers) =>
        TestSupport.Federation.StartAsync(store, centers, o =>
        {
            o.RetentionHorizon = TimeSpan.FromDays(1);
            o.CompactionInterval = TimeSpan.FromHours(1);
        });

    /// <summary>Moves the hub's clock past the horizon and waits for its own retention loop to compact the whole log.</summary>
    private static async Task CompactEverythingAsync(TestSupport.Federation federation)
    {
        var loop = federation.Hub.Services.GetRequiredService<CompactionLoop>();
        var head = (await federation.HubStore.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq;
        federation.HubTime.Advance(TimeSpan.FromDays(2));
        await Eventually.UntilAsync(async () =>
        {
            var position = await federation.HubStore.Feed.GetPositionAsync(CancellationToken.None);
            return position.HorizonSeq >= head ? null : $"horizon {position.HorizonSeq} below {head} after {loop.PassesCompleted} passes";
        });
    }

    private static RecordId Id(string localId) => new() { CenterId = Om, LocalId = localId };
}

public sealed class SqliteExpiredCursorTests() : ExpiredCursorTests(SqliteTestStore.Instance);

public sealed class PostgresExpiredCursorTests(PostgresDatabase database) : ExpiredCursorTests(database), IClassFixture<PostgresDatabase>;
