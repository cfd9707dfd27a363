using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Hub.Retention.Internal;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Retention;

public sealed class CompactionLoopTests
{
    private const string Center = "cn-om";

    [Fact]
    public async Task CompactionInterval_Elapses_HorizonRaisedPastChangesOlderThanRetention()
    {
        await using var hub = await TestHub.StartAsync(o =>
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

        var passes = new List<CompactionResult?>();
        var second = new TaskCompletionSource<CompactionResult?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Service<CompactionLoop>().PassCompleted += result =>
        {
            lock (passes)
            {
                passes.Add(result);
                if (passes.Count == 25)
                {
                    second.TrySetResult(result);
                }
            }
        };

        // 25 hourly passes: the first 24 find nothing older than a day, the 25th compacts.
        for (var hour = 0; hour < 25; hour++)
        {
            hub.Time.Advance(TimeSpan.FromHours(1));
            await WaitForPassesAsync(passes, hour + 1);
        }

        var last = await second.Task.WithTimeout();
        Assert.NotNull(last);
        Assert.Equal(2UL, last.HorizonSeq);
        Assert.Equal(2UL, (await hub.Store.Feed.GetPositionAsync(CancellationToken.None)).HorizonSeq);
    }

    private static async Task WaitForPassesAsync(List<CompactionResult?> passes, int count)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (true)
        {
            lock (passes)
            {
                if (passes.Count >= count)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"compaction pass {count} did not run in time");
            await Task.Yield();
        }
    }
}
