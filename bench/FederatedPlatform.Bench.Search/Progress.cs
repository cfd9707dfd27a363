using System.Diagnostics;

namespace FederatedPlatform.Bench.Search;

/// <summary>A build progress line on stderr every 100,000 rows.</summary>
public static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static long _last;

    public static void Report(string name, long rows)
    {
        if (rows / 100_000 != _last / 100_000)
        {
            Console.Error.WriteLine($"  {name}: {rows} rows, {Clock.Elapsed.TotalSeconds:F0} s since start, load {LoadAverage.Read()}");
        }

        _last = rows;
    }
}
