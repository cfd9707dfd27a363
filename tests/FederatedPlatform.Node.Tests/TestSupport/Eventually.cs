using System.Runtime.CompilerServices;
using FederatedPlatform.Node.Internal;

namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>
/// Waits for a condition that background loops make true, without sleeping: the condition is checked
/// again each time one of the signals pulses (the pulse is taken before the check, so none is missed).
/// </summary>
public static class Eventually
{
    internal static async Task UntilAsync(
        Func<Task<bool>> condition,
        ChangeSignal[] signals,
        TimeSpan? timeout = null,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        var limit = timeout ?? TaskTimeoutExtensions.DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            var next = Task.WhenAny(signals.Select(s => s.Next));
            if (await condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Condition not met after {limit.TotalSeconds} s at {Path.GetFileName(file)}:{line}");
            }
        }
    }
}
