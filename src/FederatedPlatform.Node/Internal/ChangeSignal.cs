namespace FederatedPlatform.Node.Internal;

/// <summary>
/// Wakes waiters when something changed. Take <see cref="Next"/> before checking the condition you
/// wait for; it completes at the next <see cref="Notify"/>, so no change slips between check and wait.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
