namespace FederatedPlatform.Search.Internal;

/// <summary>
/// A writer's pending changes to the corpus statistics (documents, terms, documents per term), summed
/// over its documents so that a batch touches each term's counter once.
/// </summary>
internal sealed class StatisticsDelta
{
    private const int FlushAtTerms = 100_000;

    public Dictionary<string, long> TermDocuments { get; } = new(StringComparer.Ordinal);

    public long Documents { get; private set; }

    public long Tokens { get; private set; }

    /// <summary>Whether enough terms are pending to flush before the batch ends.</summary>
    public bool IsLarge => TermDocuments.Count >= FlushAtTerms;

    public bool IsEmpty => TermDocuments.Count == 0 && Documents == 0 && Tokens == 0;

    /// <summary>Counts a document in (+1) or out (−1).</summary>
    public void Add(string title, string keywords, string summary, int sign)
    {
        Documents += sign;
        Tokens += sign * (TermCounts.Tokens(title) + TermCounts.Tokens(keywords) + TermCounts.Tokens(summary));
        foreach (var term in TermCounts.Distinct(title, keywords, summary))
        {
            TermDocuments[term] = TermDocuments.GetValueOrDefault(term) + sign;
        }
    }

    public void Clear()
    {
        TermDocuments.Clear();
        Documents = 0;
        Tokens = 0;
    }
}
