namespace FederatedPlatform.Search;

/// <summary>How many indexed records contain each of some analysed terms.</summary>
/// <param name="DocumentCount">Records in the index.</param>
/// <param name="DocumentFrequencies">Term to the number of records containing it (absent: none).</param>
public sealed record TermStatistics(long DocumentCount, IReadOnlyDictionary<string, long> DocumentFrequencies)
{
    /// <summary>Inverse document frequency of <paramref name="term"/>, BM25's form, never below a small positive floor.</summary>
    public double Idf(string term)
    {
        var df = DocumentFrequencies.TryGetValue(term, out var n) ? n : 0;
        return Math.Log(1.0 + ((DocumentCount - df + 0.5) / (df + 0.5)));
    }
}
