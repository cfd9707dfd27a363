using System.Runtime.InteropServices;

namespace FederatedPlatform.Bench.Search;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), in milliseconds. The queries complete
/// synchronously on one thread (Microsoft.Data.Sqlite's async methods do), so this is a query's own CPU
/// cost: on a shared, oversubscribed machine it moves much less than wall time, which includes waiting
/// for a core. NaN where the clock is unavailable.
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static double NowMs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0) : double.NaN;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
