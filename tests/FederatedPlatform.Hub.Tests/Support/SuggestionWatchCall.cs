using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>A WatchSuggestions stream as a test reads it.</summary>
public sealed class SuggestionWatchCall(AsyncServerStreamingCall<SuggestionEvent> call) : IDisposable
{
    public async Task<SuggestionEvent> NextAsync()
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(), "the WatchSuggestions stream ended");
        Assert.NotEmpty(call.ResponseStream.Current.Cursor);
        return call.ResponseStream.Current;
    }

    /// <summary>Reads the initial suggestions up to the caught-up marker, which it returns.</summary>
    public async Task<SuggestionEvent> ReadUntilCaughtUpAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.KindCase == SuggestionEvent.KindOneofCase.CaughtUp)
            {
                return next;
            }
        }
    }

    /// <summary>The next suggestion event that satisfies <paramref name="predicate"/>.</summary>
    public async Task<Suggestion> NextSuggestionAsync(Func<Suggestion, bool> predicate)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.KindCase == SuggestionEvent.KindOneofCase.Suggestion && predicate(next.Suggestion))
            {
                return next.Suggestion;
            }
        }
    }

    public async Task<RpcException> ReadErrorAsync() =>
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

    public void Dispose() => call.Dispose();
}
