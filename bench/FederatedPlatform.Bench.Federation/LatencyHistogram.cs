using System.Diagnostics;

namespace FederatedPlatform.Bench.Federation;

/// <summary>A thread-safe latency histogram with 50 µs buckets up to 60 s (beyond that: the last bucket), and the exact maximum.</summary>
public sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 50;
    private readonly long[] _buckets = new long[(int)(60_000_000 / BucketMicroseconds) + 1];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long elapsedStopwatchTicks)
    {
        var microseconds = elapsedStopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;
        var bucket = (int)Math.Min(_buckets.Length - 1, Math.Max(0, microseconds / BucketMicroseconds));
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        long seen;
        while (elapsedStopwatchTicks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, elapsedStopwatchTicks, seen) != seen)
        {
        }
    }

    /// <summary>The upper bound of the bucket holding the given quantile, in milliseconds.</summary>
    public double QuantileMs(double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank && seen > 0)
            {
                return (i + 1) * BucketMicroseconds / 1000.0;
            }
        }

        return double.NaN;
    }

    public double MaxMs => Interlocked.Read(ref _maxTicks) * 1000.0 / Stopwatch.Frequency;
}
