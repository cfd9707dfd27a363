namespace FederatedPlatform.Hub.Publishing.Internal;

/// <summary>One open Publish stream as <see cref="PublishStreams"/> knows it: abort and resync signals.</summary>
internal sealed class PublishRegistration : IDisposable
{
    private readonly PublishStreams _owner;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _resync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resyncReason;

    public PublishRegistration(PublishStreams owner, string centerId, ulong epoch)
    {
        _owner = owner;
        CenterId = centerId;
        Epoch = epoch;
    }

    public string CenterId { get; }

    public ulong Epoch { get; }

    /// <summary>Fires when a newer hello of the same center replaced this stream.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>The epoch of the hello that replaced this stream.</summary>
    public ulong ReplacedBy { get; private set; }

    /// <summary>Completes when an operator asked for a resync; see <see cref="TryTakeResyncRequest"/>.</summary>
    public Task ResyncRequested
    {
        get
        {
            lock (_lock)
            {
                return _resync.Task;
            }
        }
    }

    public bool TryTakeResyncRequest(out string reason)
    {
        lock (_lock)
        {
            reason = _resyncReason ?? string.Empty;
            if (_resyncReason is null)
            {
                return false;
            }

            _resyncReason = null;
            _resync = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    public void SignalResync(string reason)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _resyncReason = reason;
            signal = _resync;
        }

        signal.TrySetResult();
    }

    public void Abort(ulong newerEpoch)
    {
        ReplacedBy = newerEpoch;
        _abort.Cancel();
    }

    /// <summary>Leaves the registry. The abort source is not disposed: a newer hello may still cancel it.</summary>
    public void Dispose() => _owner.Unregister(this);
}
