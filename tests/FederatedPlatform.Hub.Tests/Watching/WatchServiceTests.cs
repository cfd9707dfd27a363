using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Watching;

public abstract class WatchServiceTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestHub _hub = null!;
    private HubClient _center = null!;
    private HubClient _sut = null!;
    private PublishCall _publish = null!;
    private ulong _seq;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store, o => o.BookmarkInterval = TimeSpan.FromSeconds(10));
        _center = await _hub.AddCenterAsync(Center);
        _sut = await _hub.AddReaderAsync();
        _publish = _center.Publish();
        await _publish.OpenAsync(Center, 1);
    }

    public async Task DisposeAsync()
    {
        _publish.Dispose();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Watch_NoCursor_SnapshotThenMarkerThenLive()
    {
        await PublishAsync(TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        using var watch = _sut.Watch();

        var (upserts, complete) = await watch.ReadSnapshotAsync();
        await PublishAsync(TestRecords.Achievement(Center, "a3"));
        var live = await watch.NextAsync();

        Assert.Equal(["a1", "a2"], upserts.Select(e => e.Upsert.Record.Id.LocalId));
        Assert.All(upserts, e => Assert.Empty(e.Cursor));
        Assert.Equal(2UL, complete.SnapshotComplete.Count);
        Assert.NotEmpty(complete.Cursor);
        Assert.Equal("a3", live.Upsert.Record.Id.LocalId);
        Assert.NotEmpty(live.Cursor);
    }

    [Fact]
    public async Task Watch_ResumeFromEveryCursor_SameChangesAsTheFeedWithoutGapOrDuplicate()
    {
        using var first = _sut.Watch();
        var (_, complete) = await first.ReadSnapshotAsync();
        await PublishAsync(TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        await PublishAsync(TestRecords.Achievement(Center, "a1", version: 2), TestRecords.Tombstone(Center, "a2", 2));
        await PublishAsync(TestRecords.Achievement(Center, "a3"));
        var events = await first.ReadChangesAsync(5);

        var page = await _hub.Store.Feed.ReadChangesAsync(0, CatalogFilter.All, 100, 100, CancellationToken.None);
        Assert.Equal(page.Changes.Select(c => (c.LocalId, c.Version)), events.Select(Key));

        // Resuming after any event yields exactly the events that followed it.
        var cursors = new[] { complete.Cursor }.Concat(events.Select(e => e.Cursor)).ToList();
        for (var i = 0; i < cursors.Count - 1; i++)
        {
            using var resumed = _sut.Watch(cursor: cursors[i]);
            var rest = await resumed.ReadChangesAsync(events.Count - i);
            Assert.Equal(events.Skip(i).Select(Key), rest.Select(Key));
            Assert.Equal(events.Skip(i).Select(e => e.Cursor), rest.Select(e => e.Cursor));
        }
    }

    [Fact]
    public async Task Watch_ForgedCursor_ResetInvalidCursorThenFreshSnapshot()
    {
        await PublishAsync(TestRecords.Achievement(Center, "a1"));
        using var first = _sut.Watch();
        var (_, complete) = await first.ReadSnapshotAsync();
        var forged = complete.Cursor[..^2] + (complete.Cursor[^2] == 'A' ? "B" : "A") + complete.Cursor[^1];

        using var watch = _sut.Watch(cursor: forged);
        var reset = await watch.NextAsync();
        var (upserts, _) = await watch.ReadSnapshotAsync();

        Assert.Equal(ResetReason.InvalidCursor, reset.Reset.Reason);
        Assert.Equal("a1", Assert.Single(upserts).Upsert.Record.Id.LocalId);
    }

    [Fact]
    public async Task Watch_CursorOfAnotherFilter_ResetOtherFilter()
    {
        using var first = _sut.Watch();
        var (_, complete) = await first.ReadSnapshotAsync();

        using var watch = _sut.Watch(new RecordFilter { Sectors = { Sector.Mining } }, complete.Cursor);
        var reset = await watch.NextAsync();

        Assert.Equal(ResetReason.OtherFilter, reset.Reset.Reason);
        Assert.Equal(WatchEvent.KindOneofCase.SnapshotComplete, (await watch.NextAsync()).KindCase);
    }

    [Fact]
    public async Task Watch_ExpiredCursor_ResetTooOldThenFreshSnapshot()
    {
        await PublishAsync(TestRecords.Achievement(Center, "a1"));
        using var first = _sut.Watch();
        var (_, complete) = await first.ReadSnapshotAsync();
        await PublishAsync(TestRecords.Achievement(Center, "a1", version: 2), TestRecords.Achievement(Center, "a2"));
        _hub.Time.Advance(TimeSpan.FromDays(8));
        await _hub.Store.Feed.CompactAsync(_hub.Time.GetUtcNow() - TimeSpan.FromDays(7), CancellationToken.None);

        using var watch = _sut.Watch(cursor: complete.Cursor);
        var reset = await watch.NextAsync();
        var (upserts, _) = await watch.ReadSnapshotAsync();

        Assert.Equal(ResetReason.CursorTooOld, reset.Reset.Reason);
        Assert.Equal([("a1", 2UL), ("a2", 1UL)], upserts.Select(Key));
    }

    [Fact]
    public async Task Watch_Filter_ViewEqualsHubsFilteredCatalogIncludingRecordsLeavingIt()
    {
        var filter = new RecordFilter { Sectors = { Sector.Mining } };
        await PublishAsync(TestRecords.Achievement(Center, "m1", sector: Sector.Mining), TestRecords.Achievement(Center, "x1", sector: Sector.Medicine));
        using var watch = _sut.Watch(filter);
        var view = (await watch.ReadSnapshotAsync()).Upserts.ToDictionary(e => e.Upsert.Record.Id.LocalId, e => e.Upsert.Record);

        await PublishAsync(
            TestRecords.Achievement(Center, "m1", version: 2, sector: Sector.Medicine),
            TestRecords.Achievement(Center, "x1", version: 2, sector: Sector.Mining),
            TestRecords.Achievement(Center, "m2", sector: Sector.Mining));
        var events = await watch.ReadChangesAsync(3);
        foreach (var e in events)
        {
            if (e.KindCase == WatchEvent.KindOneofCase.Upsert)
            {
                view[e.Upsert.Record.Id.LocalId] = e.Upsert.Record;
            }
            else
            {
                Assert.True(e.Delete.LeftFilter);
                view.Remove(e.Delete.Id.LocalId);
            }
        }

        var listed = await _sut.ListRecordsAsync(new ListRecordsRequest { Filter = filter });
        Assert.Equal(listed.Records.Select(r => (r.Id.LocalId, r.Version)), view.Values.OrderBy(r => r.Id.LocalId, StringComparer.Ordinal).Select(r => (r.Id.LocalId, r.Version)));
    }

    [Fact]
    public async Task Watch_NothingMatchesForBookmarkInterval_BookmarkWithResumableCursor()
    {
        using var watch = _sut.Watch(new RecordFilter { Sectors = { Sector.Mining } });
        await watch.ReadSnapshotAsync();
        await PublishAsync(TestRecords.Achievement(Center, "a1", sector: Sector.Medicine));
        await WaitUntilAsync(() => _hub.Service<Hub.Watching.Internal.FeedNotifier>().DispatchedThrough >= 1);

        _hub.Time.Advance(TimeSpan.FromSeconds(10));
        var bookmark = await watch.NextAsync();

        Assert.Equal(WatchEvent.KindOneofCase.Bookmark, bookmark.KindCase);
        var decoded = _hub.Store.Cursors.Decode(bookmark.Cursor, CatalogFilter.Create(sectors: [Sector.Mining]).Hash, await _hub.Store.Feed.GetPositionAsync(CancellationToken.None));
        Assert.Equal((true, 1UL), (decoded.IsOk, decoded.Seq));
    }

    [Fact]
    public async Task Watch_Reader_ContactsStrippedOperatorAndOwnerSeeThem()
    {
        await PublishAsync(TestRecords.Achievement(Center, "a1"));

        using var reader = _sut.Watch();
        using var owner = _center.Watch();
        using var operatorWatch = _hub.Operator.Watch();

        Assert.Null((await reader.ReadSnapshotAsync()).Upserts[0].Upsert.Record.Contact);
        Assert.NotNull((await owner.ReadSnapshotAsync()).Upserts[0].Upsert.Record.Contact);
        Assert.NotNull((await operatorWatch.ReadSnapshotAsync()).Upserts[0].Upsert.Record.Contact);
        Assert.Null((await _sut.GetRecordAsync(Center, "a1")).Contact);
        Assert.NotNull((await _center.GetRecordAsync(Center, "a1")).Contact);
    }

    [Fact]
    public async Task Watch_InvalidFilter_InvalidArgumentNamingTheField()
    {
        using var watch = _sut.Watch(new RecordFilter { Countries = { "oman" } });

        var error = await watch.ReadErrorAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("filter.countries[0]:", error.Status.Detail, StringComparison.Ordinal);
    }

    private static (string, ulong) Key(WatchEvent e) =>
        e.KindCase == WatchEvent.KindOneofCase.Upsert ? (e.Upsert.Record.Id.LocalId, e.Upsert.Record.Version) : (e.Delete.Id.LocalId, e.Delete.Version);

    private async Task PublishAsync(params Record[] records)
    {
        foreach (var record in records)
        {
            await _publish.ChangeAsync(++_seq, record);
        }

        await _publish.ReadUntilAckAsync(_seq);
    }

    /// <summary>Waits for the hub's fan-out, observed through its state; bounded like every wait.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Yield();
        }
    }
}

public sealed class SqliteWatchServiceTests() : WatchServiceTests(SqliteTestStore.Instance);

public sealed class PostgresWatchServiceTests(PostgresDatabase database) : WatchServiceTests(database), IClassFixture<PostgresDatabase>;
