using System.Runtime.CompilerServices;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// Waits for a state that background loops of other processes reach (a hub and nodes talking over
/// loopback): the state is read again after a short pause until it holds, within a bound that fails
/// with the caller's file and line and the last state seen. The pause is a re-check interval, never
/// an assumption that something has happened by then.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(20);

    /// <summary>Re-checks <paramref name="condition"/>; it returns null when met, otherwise what is still wrong.</summary>
    public static async Task UntilAsync(
        Func<Task<string?>> condition, TimeSpan? timeout = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var limit = timeout ?? TaskTimeoutExtensions.DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        string? last;
        while (true)
        {
            last = await condition().WaitAsync(limit);
            if (last is null)
            {
                return;
            }

            try
            {
                await Task.Delay(Recheck, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Condition not met after {limit.TotalSeconds} s at {Path.GetFileName(file)}:{line}: {last}");
    }

    public static Task UntilAsync(
        Func<Task<bool>> condition, string description, TimeSpan? timeout = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        UntilAsync(async () => await condition() ? null : description, timeout, file, line);
}
