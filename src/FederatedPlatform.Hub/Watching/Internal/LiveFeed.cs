using System.Threading.Channels;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// A watcher's live buffer: bounded, written only by the fan-out loop, read only by the watcher.
/// The fan-out never waits on it (full mode Wait, written with TryWrite): a full buffer detaches the
/// watcher, which completes the buffer and sends the watcher back to the durable log.
/// </summary>
internal sealed class LiveFeed
{
    private readonly Channel<FeedSignal> _channel;

    public LiveFeed(int capacity)
    {
        _channel = Channel.CreateBounded<FeedSignal>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
    }

    public ChannelReader<FeedSignal> Reader => _channel.Reader;

    /// <summary>Signals waiting in the buffer (bounded by the capacity).</summary>
    public int Buffered => _channel.Reader.Count;

    public bool TryWrite(FeedSignal signal) => _channel.Writer.TryWrite(signal);

    public void Complete() => _channel.Writer.TryComplete();
}
