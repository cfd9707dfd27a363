using System.Threading.Channels;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// A watcher's live buffer: written only by the fan-out loop, read only by the watcher, bounded by the
/// changes it holds (<see cref="FeedSignal.Weight"/>). The fan-out never waits on it: a signal that does
/// not fit is refused, and a refused commit detaches the watcher, which completes the buffer and sends the
/// watcher back to the durable log. The commits themselves are shared by all watchers.
/// </summary>
internal sealed class LiveFeed(int capacity)
{
    private readonly Channel<FeedSignal> _channel = Channel.CreateUnbounded<FeedSignal>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = false,
    });

    private int _buffered;

    /// <summary>Changes waiting in the buffer (at most the capacity).</summary>
    public int Buffered => Volatile.Read(ref _buffered);

    public bool TryWrite(FeedSignal signal)
    {
        var weight = signal.Weight;
        if (Interlocked.Add(ref _buffered, weight) > capacity || !_channel.Writer.TryWrite(signal))
        {
            Interlocked.Add(ref _buffered, -weight);
            return false;
        }

        return true;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead(out FeedSignal signal)
    {
        if (!_channel.Reader.TryRead(out signal))
        {
            return false;
        }

        Interlocked.Add(ref _buffered, -signal.Weight);
        return true;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
