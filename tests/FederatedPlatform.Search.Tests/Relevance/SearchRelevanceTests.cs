using System.Globalization;
using System.Text.Json;
using FederatedPlatform.Search.Tests.Support;
using Xunit.Abstractions;

namespace FederatedPlatform.Search.Tests.Relevance;

/// <summary>
/// Search quality over the seeds catalog, measured with the labelled queries of queries.json (zh, ar,
/// en, fr, mn, ru). Prints recall@10 and nDCG@10 per language and overall, and fails below the floors,
/// which were set a little under the first honest measurement.
/// </summary>
public abstract class SearchRelevanceTests(ITestStore store, ITestOutputHelper output)
{
    private const double RecallFloor = 0.92;
    private const double NdcgFloor = 0.93;

    [Fact]
    public async Task LabelledQueries_RecallAndNdcgAt10_AboveFloor()
    {
        var judgements = Load();
        await using var index = await SeedCatalog.IndexAsync(store);
        var results = new List<(RelevanceJudgement Judgement, double Recall, double Ndcg)>();
        foreach (var judgement in judgements)
        {
            var page = await index.Index.SearchAsync(
                new SearchQuery { Text = judgement.Text, PageSize = 10, IncludeFacets = false, IncludeSnippets = false }, index.Connection);
            var ranked = page.Hits.Select(h => TestRecords.Key(h.Record)).ToList();
            var recall = RankingMetrics.RecallAt(10, ranked, judgement.Relevant);
            var ndcg = RankingMetrics.NdcgAt(10, ranked, judgement.Relevant);
            results.Add((judgement, recall, ndcg));
            if (recall < 1 || ndcg < 0.9)
            {
                var missed = judgement.Relevant.Keys.Where(id => !ranked.Contains(id));
                output.WriteLine(Invariant($"  {judgement.Id} \"{judgement.Text}\" recall {recall:F2} nDCG {ndcg:F2}; missed: {string.Join(' ', missed)}; got: {string.Join(' ', ranked.Take(5))}"));
            }
        }

        foreach (var group in results.GroupBy(r => r.Judgement.Language))
        {
            output.WriteLine(Invariant($"{group.Key}: {group.Count()} queries, recall@10 {group.Average(r => r.Recall):F3}, nDCG@10 {group.Average(r => r.Ndcg):F3}"));
        }

        var meanRecall = results.Average(r => r.Recall);
        var meanNdcg = results.Average(r => r.Ndcg);
        output.WriteLine(Invariant($"all: {results.Count} queries, recall@10 {meanRecall:F3}, nDCG@10 {meanNdcg:F3}"));
        Assert.True(judgements.Count(j => j.Language == "zh") >= 10 && judgements.Count(j => j.Language == "ar") >= 10 && judgements.Count(j => j.Language == "en") >= 10);
        Assert.True(meanRecall >= RecallFloor, Invariant($"recall@10 {meanRecall:F3} is below the floor {RecallFloor}"));
        Assert.True(meanNdcg >= NdcgFloor, Invariant($"nDCG@10 {meanNdcg:F3} is below the floor {NdcgFloor}"));
    }

    [Fact]
    public void LabelledQueries_PointAtSeedRecordsInTheQueryLanguage()
    {
        var records = SeedCatalog.Records.ToDictionary(TestRecords.Key);

        foreach (var judgement in Load())
        {
            Assert.NotEmpty(judgement.Relevant);
            Assert.All(judgement.Relevant, pair =>
            {
                Assert.True(records.TryGetValue(pair.Key, out var record), $"{judgement.Id}: {pair.Key} is not in seeds/");
                Assert.Contains(judgement.Language, record!.Title.Keys);
                Assert.InRange(pair.Value, 1, 2);
            });
        }
    }

    private static List<RelevanceJudgement> Load() =>
        JsonSerializer.Deserialize<List<RelevanceJudgement>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Relevance", "queries.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed class SqliteSearchRelevanceTests(ITestOutputHelper output) : SearchRelevanceTests(SqliteTestStore.Instance, output);

public sealed class PostgresSearchRelevanceTests(PostgresDatabase database, ITestOutputHelper output) : SearchRelevanceTests(database, output), IClassFixture<PostgresDatabase>;
