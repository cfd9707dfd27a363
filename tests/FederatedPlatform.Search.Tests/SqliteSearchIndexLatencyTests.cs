using System.Diagnostics;
using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Tests.Support;
using Xunit.Abstractions;

namespace FederatedPlatform.Search.Tests;

/// <summary>
/// Prints index build time and query latency over a synthetic catalog made by recombining the seed
/// records' texts (no assertion: shared CI cores make absolute times noisy; bench/ holds the 1M run).
/// </summary>
public sealed class SqliteSearchIndexLatencyTests(ITestOutputHelper output)
{
    private const int Records = 20_000;

    private static readonly string[] Queries = ["海水淡化", "太阳能 滴灌", "تحلية مياه البحر", "solar", "drip irrigation", "camel milk powder", "вакцин"];

    [Fact]
    public async Task SearchAsync_SyntheticCatalog_PrintsLatency()
    {
        await using var index = await TestIndex.CreateAsync(SqliteTestStore.Instance);
        var build = Stopwatch.StartNew();
        await index.AddAsync(Synthetic(Records));
        build.Stop();
        output.WriteLine(Invariant($"indexed {Records} records in {build.Elapsed.TotalSeconds:F1} s"));

        foreach (var (label, filter, facets) in new[]
        {
            ("no filter, no facets", SearchFilter.None, false),
            ("kind+status filter, no facets", new SearchFilter { Kinds = [RecordKind.Achievement], Statuses = [RecordStatus.Open] }, false),
            ("no filter, facets", SearchFilter.None, true),
        })
        {
            var times = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                foreach (var text in Queries)
                {
                    var watch = Stopwatch.StartNew();
                    await index.Index.SearchAsync(new SearchQuery { Text = text, Filter = filter, IncludeFacets = facets }, index.Connection);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            output.WriteLine(Invariant($"{label}: p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms over {times.Count} queries"));
        }

        Assert.True(build.Elapsed > TimeSpan.Zero);
    }

    /// <summary>Deterministic records: titles and summaries of seed records of the same language, mixed.</summary>
    private static IEnumerable<Record> Synthetic(int count)
    {
        var seeds = SeedCatalog.Records;
        var random = new Random(4);
        for (var i = 0; i < count; i++)
        {
            var a = seeds[random.Next(seeds.Count)];
            var b = seeds[random.Next(seeds.Count)];
            var record = a.Clone();
            record.Id = new RecordId { CenterId = a.Id.CenterId, LocalId = "s" + i.ToString("D7", CultureInfo.InvariantCulture) };
            foreach (var language in b.Summary.Keys.Where(record.Summary.ContainsKey))
            {
                record.Summary[language] += " " + b.Summary[language];
            }

            yield return record;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
