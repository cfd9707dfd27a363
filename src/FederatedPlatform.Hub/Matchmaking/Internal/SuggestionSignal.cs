namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>The last suggestion change number written, and a wait for the next one (WatchSuggestions).</summary>
internal sealed class SuggestionSignal
{
    private readonly Lock _lock = new();
    private long _head;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Head
    {
        get
        {
            lock (_lock)
            {
                return _head;
            }
        }
    }

    /// <summary>Called after a commit that wrote suggestion changes up to <paramref name="head"/>.</summary>
    public void Advance(long head)
    {
        TaskCompletionSource? fired = null;
        lock (_lock)
        {
            if (head > _head)
            {
                _head = head;
                fired = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        fired?.TrySetResult();
    }

    /// <summary>Completes once a change after <paramref name="seq"/> has been committed.</summary>
    public Task WaitBeyondAsync(long seq, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _head > seq ? Task.CompletedTask : _next.Task.WaitAsync(cancellationToken);
        }
    }
}
