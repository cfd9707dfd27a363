using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;

namespace FederatedPlatform.Federation.Tests.Replication;

/// <summary>A hub and three centers' nodes: what each node writes reaches the hub and every other node, exactly once.</summary>
public abstract class ReplicationTests(ITestStore store)
{
    private static readonly string[] Centers = ["cn-om", "cn-eg", "cn-mn"];

    private static readonly RecordFilter[] Filters =
    [
        new() { Kinds = { RecordKind.Need } },
        new() { CenterIds = { "cn-om", "cn-mn" } },
        new() { Sectors = { Sector.SolarEnergy, Sector.Agriculture } },
        new() { Countries = { "EG", "CN" } },
        new() { Kinds = { RecordKind.Achievement }, Sectors = { Sector.SolarEnergy, Sector.WaterSaving }, Countries = { "OM", "MN" } },
    ];

    [Fact]
    public async Task ChangesOnEveryNode_Converge_HubLogHoldsEachOnceInOrder()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, Centers);
        var written = Centers.Select(c => new WrittenChanges(c, federation[c].Api)).ToList();

        await Task.WhenAll(written.Select(WriteWorkloadAsync));
        await federation.WaitConvergedAsync();

        var hub = await federation.Operator.ListAllRecordsAsync();
        Assert.Equal(written.Sum(w => w.Live.Count), hub.Count);
        var log = await federation.ReadHubChangeLogAsync();
        foreach (var center in written)
        {
            // The hub holds each node's records exactly as the node wrote them (contacts included for the operator).
            var own = CatalogView.Live(await federation[center.CenterId].Api.ListOwnAsync());
            Assert.Null(CatalogView.Live(center.Live.Values).Difference(own));
            Assert.Null(CatalogView.Live(hub.Where(r => r.Id.CenterId == center.CenterId)).Difference(own));
            Assert.Null(center.DifferenceFromHubLog(log));

            var health = await federation.Operator.GetCenterHealthAsync(center.CenterId);
            Assert.Equal((ulong)center.Changes.Count, health.AppliedSeq);
            Assert.Equal(0UL, health.RejectedCount);
        }

        // The catalog sequence is gap-free and every commit's changes are contiguous.
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (ulong)i), log.Select(c => c.Seq));
        Assert.Equal((ulong)log.Count, (await federation.Operator.GetFederationHealthAsync()).CatalogSeq);
    }

    [Fact]
    public async Task FilteredWatchers_LiveAndFromSnapshot_EqualHubsFilteredCatalog()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, Centers);
        var written = Centers.Select(c => new WrittenChanges(c, federation[c].Api)).ToList();

        // Half the workload before the first watchers open (they start from a snapshot), the rest live.
        await Task.WhenAll(written.Select(w => w.CreateAsync(TestRecords.Achievement(w.CenterId, "early", Sector.SolarEnergy, CountryOf(w.CenterId)))));
        var watchers = Filters.Select(f => new WatchView(federation.Operator, f)).ToList();
        var readerWatcher = new WatchView(federation.NewClient((await federation.Operator.IssueCredentialAsync(Role.Reader)).Token), Filters[2]);
        try
        {
            await Task.WhenAll(written.Select(WriteWorkloadAsync));
            await Task.WhenAll(written.Select(w => w.UpdateAsync(TestRecords.Need(w.CenterId, "early", Sector.Agriculture, "CN"))));
            await federation.WaitConvergedAsync();

            for (var i = 0; i < Filters.Length; i++)
            {
                var expected = CatalogView.Live(await federation.Operator.ListAllRecordsAsync(Filters[i]));
                Assert.True(expected.Count > 0, $"filter {Filters[i]} selects nothing: the test would prove little");
                await Eventually.UntilAsync(() => Task.FromResult(watchers[i].Difference(expected)));

                await using var fresh = new WatchView(federation.Operator, Filters[i]);
                await Eventually.UntilAsync(() => Task.FromResult(fresh.SnapshotComplete ? fresh.Difference(expected) : "snapshot incomplete"));
            }

            // A reader sees the same records without contacts.
            var seenByReader = CatalogView.Live((await federation.Operator.ListAllRecordsAsync(Filters[2])).Select(WithoutContact));
            await Eventually.UntilAsync(() => Task.FromResult(readerWatcher.Difference(seenByReader)));
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }

            await readerWatcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task Watch_ResumedFromEveryEventsCursor_ContinuesWithoutGapOrDuplicate()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, Centers);
        var written = Centers.Select(c => new WrittenChanges(c, federation[c].Api)).ToList();
        var filter = Filters[1];
        List<WatchEvent> events;
        string snapshotCursor;
        await using (var watcher = new WatchView(federation.Operator, filter))
        {
            await Eventually.UntilAsync(() => Task.FromResult(watcher.SnapshotComplete), "snapshot complete");
            snapshotCursor = watcher.Cursor;
            await Task.WhenAll(written.Select(WriteWorkloadAsync));
            await federation.WaitConvergedAsync();
            var expected = CatalogView.Live(await federation.Operator.ListAllRecordsAsync(filter));
            await Eventually.UntilAsync(() => Task.FromResult(watcher.Difference(expected)));
            events = [.. watcher.Events.Where(e => e.KindCase is WatchEvent.KindOneofCase.Upsert or WatchEvent.KindOneofCase.Delete)];
        }

        Assert.True(events.Count >= 10, $"only {events.Count} events");
        var cursors = new[] { snapshotCursor }.Concat(events.Select(e => e.Cursor)).ToList();
        for (var i = 0; i < cursors.Count; i++)
        {
            using var resumed = federation.Operator.Watch(filter, cursors[i]);
            var rest = await resumed.ReadChangesAsync(events.Count - i);
            Assert.Equal(events.Skip(i).Select(Describe), rest.Select(Describe));
        }
    }

    /// <summary>Creates, updates (moving records between filters) and deletes, in one node's order.</summary>
    private static async Task WriteWorkloadAsync(WrittenChanges node)
    {
        var center = node.CenterId;
        var country = CountryOf(center);
        await node.CreateAsync(TestRecords.Achievement(center, "a1", Sector.Desalination, country));
        await node.CreateAsync(TestRecords.Achievement(center, "a2", Sector.SolarEnergy, country));
        await node.CreateAsync(TestRecords.Achievement(center, "a3", Sector.Agriculture, "CN"));
        await node.CreateAsync(TestRecords.Achievement(center, "a4", Sector.Medicine, country));
        await node.CreateAsync(TestRecords.Need(center, "n1", Sector.Agriculture, country));
        await node.CreateAsync(TestRecords.Need(center, "n2", Sector.SolarEnergy, "CN"));
        await node.UpdateAsync(TestRecords.Achievement(center, "a2", Sector.WaterSaving, country));
        await node.UpdateAsync(TestRecords.Achievement(center, "a4", Sector.SolarEnergy, country, title: "Medicine moved to solar"));
        await node.UpdateAsync(TestRecords.Need(center, "n1", Sector.Agriculture, "EG"));
        await node.DeleteAsync("a3");
        await node.UpdateAsync(TestRecords.Achievement(center, "a1", Sector.Desalination, country, title: "Desalination, revised"));
        await node.DeleteAsync("n2");
    }

    private static string CountryOf(string center) => center switch
    {
        "cn-om" => "OM",
        "cn-eg" => "EG",
        _ => "MN",
    };

    private static Record WithoutContact(Record record)
    {
        var copy = record.Clone();
        copy.Contact = null;
        return copy;
    }

    private static string Describe(WatchEvent e) => e.KindCase == WatchEvent.KindOneofCase.Upsert
        ? $"upsert {CatalogView.KeyOf(e.Upsert.Record)} v{e.Upsert.Record.Version}"
        : $"delete {e.Delete.Id.CenterId}/{e.Delete.Id.LocalId} v{e.Delete.Version} left={e.Delete.LeftFilter}";
}

public sealed class SqliteReplicationTests() : ReplicationTests(SqliteTestStore.Instance);

public sealed class PostgresReplicationTests(PostgresDatabase database) : ReplicationTests(database), IClassFixture<PostgresDatabase>;
