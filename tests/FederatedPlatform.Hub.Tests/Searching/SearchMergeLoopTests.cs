using FederatedPlatform.Hub.Searching.Internal;
using FederatedPlatform.Hub.Tests.Support;
using FederatedPlatform.Search;

namespace FederatedPlatform.Hub.Tests.Searching;

/// <summary>The hub merges the search index's full-text segments once the catalog has been idle for a whole interval.</summary>
public sealed class SearchMergeLoopTests
{
    private const string Center = "cn-om";

    [Fact]
    public async Task CatalogIdleForAnInterval_MergesTheIndexToOneSegment_SearchStillFindsEveryRecord()
    {
        await using var hub = await TestHub.StartAsync(SqliteTestStore.Instance, o =>
        {
            o.SearchMergeIdle = TimeSpan.FromMinutes(1);
            o.SearchMergePages = 1;
        });
        var sut = hub.Service<SearchMergeLoop>();
        var pass = new TaskCompletionSource<(int Steps, bool Finished)>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.PassCompleted += (steps, finished) => pass.TrySetResult((steps, finished));
        var center = await hub.AddCenterAsync(Center);
        using (var publish = center.Publish())
        {
            // One commit each: FTS5 keeps more than one segment after six.
            await publish.OpenAsync(Center, 1);
            for (ulong seq = 1; seq <= 6; seq++)
            {
                await publish.ChangeAsync(seq, TestRecords.Achievement(Center, $"a{seq}"));
                await publish.ReadUntilAckAsync(seq);
            }

            await publish.CompleteAsync();
        }

        // The first tick after the commits is not idle; a later one is. Ticks are re-sent until the pass
        // runs, since the loop may still be handling one when the next fires.
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (!pass.Task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "no merge pass ran while the catalog was idle");
            hub.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(pass.Task, Task.Delay(10));
        }

        var (steps, finished) = await pass.Task;
        Assert.True(finished);
        Assert.True(steps > 1, $"{steps} step(s): there was nothing to merge");
        var index = hub.Service<ISearchIndex>();
        Assert.False(await hub.Store.WriteAsync((transaction, token) => index.MergeAsync(transaction, 1, token), CancellationToken.None));
        var reader = await hub.AddReaderAsync();
        var found = await reader.SearchAsync("desalination");
        Assert.Equal(6, found.Hits.Count);
    }
}
