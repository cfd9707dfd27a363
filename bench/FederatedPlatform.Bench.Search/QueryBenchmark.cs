using System.Diagnostics;
using System.Globalization;

namespace FederatedPlatform.Bench.Search;

/// <summary>
/// Runs every query once to warm up, then <c>rounds</c> times, ours and the baseline back to back on the
/// same query (which one goes first alternates), and prints per class and overall p50/p99/mean/max of both
/// and the baseline-to-ours ratios.
/// </summary>
public static class QueryBenchmark
{
    public static async Task RunAsync(IReadOnlyList<BenchQuery> queries, OurIndex ours, Fts5Baseline? baseline, int rounds, int slowest)
    {
        var classes = queries.Select(q => q.Class).Distinct().Order(StringComparer.Ordinal).Append("all").ToList();
        var oursStats = classes.ToDictionary(c => c, _ => new LatencyStats());
        var baseStats = classes.ToDictionary(c => c, _ => new LatencyStats());
        var oursCpu = new LatencyStats();
        var baseCpu = new LatencyStats();
        long lowerBounds = 0, windowed = 0, oursHits = 0, baseHits = 0, oursTotal = 0, baseTotal = 0;
        var worst = new List<(double Ms, double CpuMs, BenchQuery Query)>();
        for (var round = -1; round < rounds; round++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var query = queries[i];
                var oursFirst = (i + round) % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    var runOurs = (turn == 0) == oursFirst;
                    if (!runOurs && baseline is null)
                    {
                        continue;
                    }

                    var cpu = ThreadCpuTime.NowMs();
                    var watch = Stopwatch.StartNew();
                    if (runOurs)
                    {
                        var result = await ours.SearchAsync(query);
                        watch.Stop();
                        if (round >= 0)
                        {
                            var cpuMs = ThreadCpuTime.NowMs() - cpu;
                            oursCpu.Add(cpuMs);
                            oursStats[query.Class].Add(watch.Elapsed.TotalMilliseconds);
                            oursStats["all"].Add(watch.Elapsed.TotalMilliseconds);
                            worst.Add((watch.Elapsed.TotalMilliseconds, cpuMs, query));
                            oursHits += result.Hits.Count;
                            oursTotal += result.TotalCount ?? 0;
                            lowerBounds += LowerBound(result) ? 1 : 0;
                            windowed += result.RankedWithinWindow ? 1 : 0;
                        }
                    }
                    else
                    {
                        var (hits, total) = await baseline!.SearchAsync(query);
                        watch.Stop();
                        if (round >= 0)
                        {
                            baseCpu.Add(ThreadCpuTime.NowMs() - cpu);
                            baseStats[query.Class].Add(watch.Elapsed.TotalMilliseconds);
                            baseStats["all"].Add(watch.Elapsed.TotalMilliseconds);
                            baseHits += hits;
                            baseTotal += total;
                        }
                    }
                }
            }

            Console.Error.WriteLine($"  {(round < 0 ? "warm-up" : $"round {round + 1}/{rounds}")} done, load {LoadAverage.Read()}");
        }

        Console.WriteLine();
        Console.WriteLine($"queries: {queries.Count} distinct x {rounds} rounds after 1 warm-up round; first page of 10 with facets and snippets; load {LoadAverage.Read()}");
        Console.WriteLine("class              n |     ours p50      p99     mean      max |     fts5 p50      p99     mean      max | fts5/ours p50    p99");
        foreach (var c in classes)
        {
            var o = oursStats[c];
            var b = baseStats[c];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{c,-15} {o.Count,4} | {o.Format()} ms | {(b.Count > 0 ? b.Format() : "       -        -        -        -")} ms | {b.Percentile(0.5) / o.Percentile(0.5),9:F1}x {b.Percentile(0.99) / o.Percentile(0.99),6:F1}x"));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{"all, CPU time",-15} {oursCpu.Count,4} | {oursCpu.Format()} ms | {(baseCpu.Count > 0 ? baseCpu.Format() : "       -        -        -        -")} ms | {baseCpu.Percentile(0.5) / oursCpu.Percentile(0.5),9:F1}x {baseCpu.Percentile(0.99) / oursCpu.Percentile(0.99),6:F1}x  (the query thread's own CPU time: less moved by a busy machine)"));
        var n = Math.Max(1, oursStats["all"].Count);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mean hits per page: ours {(double)oursHits / n:F1}, fts5 {(double)baseHits / n:F1}; mean total: ours {(double)oursTotal / n:F0} (lower bound in {100.0 * lowerBounds / n:F0}% of queries, ranked within the window in {100.0 * windowed / n:F0}%), fts5 {(double)baseTotal / n:F0}"));
        Console.WriteLine("slowest of ours (the query's slowest round; its CPU time):");
        foreach (var (ms, cpuMs, q) in worst.OrderByDescending(w => w.Ms).DistinctBy(w => w.Query).Take(slowest))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,7:F1} ms ({cpuMs,6:F1} CPU)  [{q.Class}, {q.FilterLabel}] {q.Text}"));
        }
    }

    private static bool LowerBound(FederatedPlatform.Search.SearchResult result) => result.CountsAreLowerBounds;
}
