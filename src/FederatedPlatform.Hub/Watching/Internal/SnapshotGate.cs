using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// Limits concurrent Watch snapshots (each holds a read transaction and streams the catalog), so a
/// reconnect storm queues instead of overwhelming the database: at most
/// <see cref="HubOptions.MaxQueuedSnapshots"/> wait, each for at most <see cref="HubOptions.SnapshotQueueTimeout"/>,
/// and the rest get RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class SnapshotGate(IOptions<HubOptions> options, TimeProvider time) : IDisposable
{
    private readonly HubOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSnapshots, options.Value.MaxConcurrentSnapshots);
    private int _queued;

    /// <summary>Raised when a watcher starts to queue (after its timeout is armed).</summary>
    internal event Action? Queued;

    public int Available => _slots.CurrentCount;

    public int QueueLength => Volatile.Read(ref _queued);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Permit(_slots);
        }

        if (Interlocked.Increment(ref _queued) > _options.MaxQueuedSnapshots)
        {
            Interlocked.Decrement(ref _queued);
            throw HubErrors.ResourceExhausted($"{_options.MaxQueuedSnapshots} watchers are already waiting for a snapshot; retry later with backoff");
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.SnapshotQueueTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Queued?.Invoke();
            await _slots.WaitAsync(linked.Token);
            return new Permit(_slots);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HubErrors.ResourceExhausted(
                $"no snapshot slot became free within {_options.SnapshotQueueTimeout.TotalSeconds:0.#} s; retry later with backoff");
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Permit(SemaphoreSlim slots) : IDisposable
    {
        private SemaphoreSlim? _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
