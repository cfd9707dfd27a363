using System.Globalization;
using FederatedPlatform.Search.Matchmaking;
using FederatedPlatform.Search.Tests.Relevance;
using FederatedPlatform.Search.Tests.Support;
using Xunit.Abstractions;

namespace FederatedPlatform.Search.Tests.Matchmaking;

/// <summary>
/// Matchmaking quality over seeds/matches.json (known-good need → achievement pairs, not exhaustive:
/// most needs have one labelled answer, so precision@5 cannot exceed about 0.2). Also prints the share
/// of needs whose labelled achievement is in the top 5 and the mean reciprocal rank. Floors were set a
/// little under the first honest measurement.
/// </summary>
public abstract class MatchmakingPrecisionTests(ITestStore store, ITestOutputHelper output)
{
    private const double PrecisionFloor = 0.18;
    private const double HitRateFloor = 0.90;

    [Fact]
    public async Task LabelledPairs_PrecisionAt5_AboveFloor()
    {
        var labelled = SeedCatalog.Matches()
            .GroupBy(m => m.Need)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Achievement).ToHashSet(StringComparer.Ordinal));
        var records = SeedCatalog.Records.ToDictionary(TestRecords.Key);
        await using var index = await SeedCatalog.IndexAsync(store);
        var sut = new Matchmaker(index.Index);

        double precision = 0, hits = 0, reciprocal = 0;
        foreach (var (need, achievements) in labelled.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var suggestions = await sut.SuggestAsync(records[need], index.Connection);
            var ranked = suggestions.Select(s => TestRecords.Key(s.Target)).ToList();
            precision += RankingMetrics.PrecisionAt(5, ranked, achievements);
            hits += ranked.Take(5).Any(achievements.Contains) ? 1 : 0;
            var first = ranked.FindIndex(achievements.Contains);
            reciprocal += first < 0 ? 0 : 1.0 / (first + 1);
            if (first is < 0 or >= 5)
            {
                output.WriteLine(Invariant($"  {need}: labelled {string.Join(' ', achievements)} at rank {(first < 0 ? "-" : (first + 1).ToString(CultureInfo.InvariantCulture))}; top: {string.Join(' ', ranked.Take(3))}"));
            }
        }

        var count = labelled.Count;
        output.WriteLine(Invariant($"needs {count}: precision@5 {precision / count:F3}, hit@5 {hits / count:F3}, MRR {reciprocal / count:F3}"));
        Assert.True(precision / count >= PrecisionFloor, Invariant($"precision@5 {precision / count:F3} is below {PrecisionFloor}"));
        Assert.True(hits / count >= HitRateFloor, Invariant($"hit@5 {hits / count:F3} is below {HitRateFloor}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed class SqliteMatchmakingPrecisionTests(ITestOutputHelper output) : MatchmakingPrecisionTests(SqliteTestStore.Instance, output);

public sealed class PostgresMatchmakingPrecisionTests(PostgresDatabase database, ITestOutputHelper output) : MatchmakingPrecisionTests(database, output), IClassFixture<PostgresDatabase>;
