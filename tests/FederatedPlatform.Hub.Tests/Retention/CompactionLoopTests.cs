using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Hub.Retention.Internal;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Retention;

public abstract class CompactionLoopTests(ITestStore store)
{
    private const string Center = "cn-om";

    [Fact]
    public async Task CompactionInterval_Elapses_HorizonRaisedPastChangesOlderThanRetention()
    {
        await using var hub = await TestHub.StartAsync(store, o =>
        {
            o.RetentionHorizon = TimeSpan.FromDays(1);
            o.CompactionInterval = TimeSpan.FromHours(1);
        });
        var center = await hub.AddCenterAsync(Center);
        using (var publish = center.Publish())
        {
            await publish.OpenAsync(Center, 1);
            await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
            await publish.ChangeAsync(2, TestRecords.Tombstone(Center, "a1", 2));
            await publish.ReadUntilAckAsync(2);
            await publish.CompleteAsync();
        }

        var sut = hub.Service<CompactionLoop>();
        var results = new List<CompactionResult?>();
        sut.PassCompleted += result =>
        {
            lock (results)
            {
                results.Add(result);
            }
        };

        // The pass at start found nothing to compact; then 25 hourly passes: the first 24 find
        // nothing older than a day, the 25th compacts.
        await WaitForPassesAsync(sut, 1);
        for (var hour = 0; hour < 25; hour++)
        {
            hub.Time.Advance(TimeSpan.FromHours(1));
            await WaitForPassesAsync(sut, hour + 2);
        }

        CompactionResult? last;
        lock (results)
        {
            last = results[^1];
        }

        Assert.NotNull(last);
        Assert.Equal(2UL, last.HorizonSeq);
        Assert.Equal(2UL, (await hub.Store.Feed.GetPositionAsync(CancellationToken.None)).HorizonSeq);
    }

    [Fact]
    public async Task HubStarted_BeforeAnyInterval_CompactsOnce()
    {
        await using var hub = await TestHub.StartAsync(store, o => o.CompactionInterval = TimeSpan.FromDays(1));

        await WaitForPassesAsync(hub.Service<CompactionLoop>(), 1);
    }

    private static async Task WaitForPassesAsync(CompactionLoop sut, int count)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (sut.PassesCompleted < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"compaction pass {count} did not run in time");

            // A re-check interval, not an assumption that the pass has run by then.
            await Task.Delay(5);
        }
    }
}

public sealed class SqliteCompactionLoopTests() : CompactionLoopTests(SqliteTestStore.Instance);

public sealed class PostgresCompactionLoopTests(PostgresDatabase database) : CompactionLoopTests(database), IClassFixture<PostgresDatabase>;
