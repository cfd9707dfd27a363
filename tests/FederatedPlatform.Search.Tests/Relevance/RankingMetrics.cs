namespace FederatedPlatform.Search.Tests.Relevance;

/// <summary>Ranking quality measures over graded judgements.</summary>
internal static class RankingMetrics
{
    /// <summary>
    /// Relevant records found in the top k over those that could fit there: |R ∩ top k| / min(|R|, k),
    /// so a query with more than k relevant records can still reach 1.
    /// </summary>
    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant) =>
        relevant.Count == 0 ? 1 : (double)ranked.Take(k).Count(relevant.ContainsKey) / Math.Min(relevant.Count, k);

    /// <summary>Normalised discounted cumulative gain with gain 2^grade − 1 and log2(rank + 1) discount.</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var dcg = ranked.Take(k).Select((id, i) => Gain(relevant.GetValueOrDefault(id)) / Math.Log2(i + 2)).Sum();
        var ideal = relevant.Values.OrderDescending().Take(k).Select((grade, i) => Gain(grade) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 1 : dcg / ideal;
    }

    /// <summary>Share of the top k that is relevant.</summary>
    public static double PrecisionAt(int k, IReadOnlyList<string> ranked, IReadOnlySet<string> relevant) =>
        (double)ranked.Take(k).Count(relevant.Contains) / k;

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
