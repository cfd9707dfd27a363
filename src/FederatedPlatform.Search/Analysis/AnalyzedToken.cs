namespace FederatedPlatform.Search.Analysis;

/// <summary>
/// One index term and the span of the original text it came from, so that matches can be highlighted
/// in the text as the author wrote it (with its accents, diacritics, tatweel and full-width forms).
/// </summary>
/// <param name="Term">The analysed term: folded, lowercase, light-stemmed; a Han bigram or unigram.</param>
/// <param name="Start">Index of the first UTF-16 unit of the span in the original text.</param>
/// <param name="Length">Length of the span in UTF-16 units.</param>
public readonly record struct AnalyzedToken(string Term, int Start, int Length)
{
    /// <summary>Index just past the span.</summary>
    public int End => Start + Length;
}
