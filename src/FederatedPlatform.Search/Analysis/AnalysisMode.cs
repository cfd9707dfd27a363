namespace FederatedPlatform.Search.Analysis;

/// <summary>
/// Whether text is analysed for the index or for a query. Normalization, word splitting and stemming
/// are identical in both; the only difference is in Han runs, where the index also stores every single
/// character so that a one-character query finds it inside longer words.
/// </summary>
public enum AnalysisMode
{
    /// <summary>Overlapping bigrams for Han runs of two or more characters; a unigram for a lone character.</summary>
    Query,

    /// <summary>As <see cref="Query"/>, plus a unigram for every Han character.</summary>
    Index,
}
