using System.Threading.Tasks.Sources;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// A live watcher's place in the fan-out's shared window of recent commits (<see cref="FeedNotifier"/>):
/// the index of the next commit it will read. Holding nothing but that, a watcher costs the hub the same
/// memory however far behind it is; once the window has moved past <see cref="Next"/>, the fan-out detaches
/// it and it goes back to the durable log.
/// <para>
/// It is also the watcher's wake-up, reused for every wait: no task, cancellation registration or
/// continuation list per watcher per commit. A wake is queued to the thread pool's global queue, first in,
/// first out with socket completions (a publisher's next changes, its acks), so a commit's thousand
/// wake-ups do not run ahead of the intake's I/O the way continuations queued to the waking thread's own
/// queue would.
/// </para>
/// </summary>
internal sealed class LiveFeed : IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Woken = 2;

    // Continuations run inline in Execute, on the pool thread that took the wake from the global queue.
    private ManualResetValueTaskSourceCore<bool> _wake = new() { RunContinuationsAsynchronously = false };
    private long _next;
    private int _state;
    private volatile bool _detached;

    /// <summary>The index of the next commit this watcher reads; only the watcher moves it (and attach sets it).</summary>
    public long Next
    {
        get => Volatile.Read(ref _next);
        set => Volatile.Write(ref _next, value);
    }

    /// <summary>Set when the watcher is no longer fed live (fell out of the window, or the hub is stopping).</summary>
    public bool Detached => _detached;

    public void Detach()
    {
        _detached = true;
        Wake();
    }

    /// <summary>
    /// Waits for the next <see cref="Wake"/>, or returns at once when <paramref name="ready"/> (checked after the
    /// wait is armed, so a wake between the caller's last look and the wait is never lost) says there is work.
    /// One wait at a time: only the watcher's own loop calls this.
    /// </summary>
    public ValueTask WaitAsync<TState>(Func<TState, bool> ready, TState state)
    {
        _wake.Reset();
        Volatile.Write(ref _state, Waiting);
        Interlocked.MemoryBarrier();
        if (ready(state) && Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
        {
            return ValueTask.CompletedTask;
        }

        // Woken already (or about to be): the queued wake completes this wait.
        return new ValueTask(this, _wake.Version);
    }

    /// <summary>Wakes the watcher if it is waiting; never blocks, never runs the watcher on the caller's thread.</summary>
    public void Wake()
    {
        if (Interlocked.CompareExchange(ref _state, Woken, Waiting) == Waiting)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _wake.SetResult(true);

    void IValueTaskSource.GetResult(short token)
    {
        Volatile.Write(ref _state, Idle);
        _wake.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);
}
