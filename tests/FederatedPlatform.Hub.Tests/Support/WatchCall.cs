using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>A Watch stream as a test reads it.</summary>
public sealed class WatchCall(AsyncServerStreamingCall<WatchEvent> call) : IDisposable
{
    public async Task<WatchEvent> NextAsync(TimeSpan? timeout = null)
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(timeout), "the Watch stream ended");
        return call.ResponseStream.Current;
    }

    /// <summary>The snapshot's upserts and its marker.</summary>
    public async Task<(List<WatchEvent> Upserts, WatchEvent Complete)> ReadSnapshotAsync()
    {
        var upserts = new List<WatchEvent>();
        while (true)
        {
            var next = await NextAsync();
            if (next.KindCase == WatchEvent.KindOneofCase.SnapshotComplete)
            {
                return (upserts, next);
            }

            Assert.Equal(WatchEvent.KindOneofCase.Upsert, next.KindCase);
            upserts.Add(next);
        }
    }

    /// <summary>The next <paramref name="count"/> events that are not bookmarks.</summary>
    public async Task<List<WatchEvent>> ReadChangesAsync(int count)
    {
        var events = new List<WatchEvent>(count);
        while (events.Count < count)
        {
            var next = await NextAsync();
            if (next.KindCase != WatchEvent.KindOneofCase.Bookmark)
            {
                events.Add(next);
            }
        }

        return events;
    }

    public async Task<RpcException> ReadErrorAsync()
    {
        while (true)
        {
            try
            {
                if (!await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout())
                {
                    Assert.Fail("the Watch stream ended with OK, not an error");
                }
            }
            catch (RpcException e)
            {
                return e;
            }
        }
    }

    public void Dispose() => call.Dispose();
}
