using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>A Watch stream as a client application reads it; disposing it cancels the call (a disconnect).</summary>
public sealed class WatchStream(AsyncServerStreamingCall<WatchEvent> call, CancellationTokenSource cancel) : IDisposable
{
    /// <summary>The next event, bookmarks included.</summary>
    public async Task<WatchEvent> NextAsync()
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(), "the Watch stream ended");
        return call.ResponseStream.Current;
    }

    /// <summary>The next event that is not a bookmark.</summary>
    public async Task<WatchEvent> NextChangeAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.KindCase != WatchEvent.KindOneofCase.Bookmark)
            {
                return next;
            }
        }
    }

    /// <summary>The snapshot's upserts up to and including its marker.</summary>
    public async Task<(List<Record> Records, WatchEvent Complete)> ReadSnapshotAsync()
    {
        var records = new List<Record>();
        while (true)
        {
            var next = await NextChangeAsync();
            if (next.KindCase == WatchEvent.KindOneofCase.SnapshotComplete)
            {
                return (records, next);
            }

            Assert.Equal(WatchEvent.KindOneofCase.Upsert, next.KindCase);
            Assert.Equal(string.Empty, next.Cursor);
            records.Add(next.Upsert.Record);
        }
    }

    /// <summary>The next <paramref name="count"/> upserts and deletes.</summary>
    public async Task<List<WatchEvent>> ReadChangesAsync(int count)
    {
        var events = new List<WatchEvent>(count);
        while (events.Count < count)
        {
            var next = await NextChangeAsync();
            Assert.True(
                next.KindCase is WatchEvent.KindOneofCase.Upsert or WatchEvent.KindOneofCase.Delete,
                $"expected a change, got {next}");
            Assert.NotEqual(string.Empty, next.Cursor);
            events.Add(next);
        }

        return events;
    }

    public void Dispose()
    {
        cancel.Cancel();
        call.Dispose();
        cancel.Dispose();
    }
}
