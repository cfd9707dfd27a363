using System.Globalization;

namespace FederatedPlatform.Bench.Search;

/// <summary>Exact nearest-rank percentiles, mean and maximum of a set of latencies in milliseconds.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();

    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Percentile(0.5),8:F1} {Percentile(0.99),8:F1} {Mean,8:F1} {Max,8:F1}");
}
