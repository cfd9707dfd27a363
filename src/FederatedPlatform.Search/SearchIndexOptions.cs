namespace FederatedPlatform.Search;

/// <summary>Ranking, paging and highlighting settings of a search index.</summary>
public sealed class SearchIndexOptions
{
    /// <summary>BM25 weight of a match in a title. Default 4.</summary>
    public double TitleWeight { get; set; } = 4.0;

    /// <summary>BM25 weight of a match in the keywords. Default 2.5.</summary>
    public double KeywordsWeight { get; set; } = 2.5;

    /// <summary>BM25 weight of a match in a summary. Default 1.</summary>
    public double SummaryWeight { get; set; } = 1.0;

    /// <summary>Inserted before a highlighted span of a title or snippet. Default «.</summary>
    public string HighlightStart { get; set; } = "«";

    /// <summary>Inserted after a highlighted span. Default ».</summary>
    public string HighlightEnd { get; set; } = "»";

    /// <summary>Marks a snippet cut from a longer summary. Default … (U+2026).</summary>
    public string Ellipsis { get; set; } = "…";

    /// <summary>Most characters of the original summary shown in a snippet, markers excluded. Default 160.</summary>
    public int SnippetLength { get; set; } = 160;

    /// <summary>Page size used when a query asks for 0. Default 20.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>Largest page size a query may ask for. Default 100.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Distinct analysed terms of a query beyond this many are ignored. Default 32.</summary>
    public int MaxQueryTerms { get; set; } = 32;

    /// <summary>
    /// Most matching records a query reads as candidates for ranking, newest first, per kind of candidate
    /// (records with every term, records with any term); 0 for no limit. Bounds a query's cost on a large
    /// catalog (see <see cref="SearchResult.RankedWithinWindow"/>). Default 500.
    /// </summary>
    public int RankWindow { get; set; } = 500;

    /// <summary>
    /// Most matching records counted for the total and the facets, newest first; 0 for no limit (see
    /// <see cref="SearchResult.CountsAreLowerBounds"/>). Default 1000.
    /// </summary>
    public int CountWindow { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting outside its range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TitleWeight, nameof(TitleWeight));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(KeywordsWeight, nameof(KeywordsWeight));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SummaryWeight, nameof(SummaryWeight));
        ArgumentNullException.ThrowIfNull(HighlightStart, nameof(HighlightStart));
        ArgumentNullException.ThrowIfNull(HighlightEnd, nameof(HighlightEnd));
        ArgumentNullException.ThrowIfNull(Ellipsis, nameof(Ellipsis));
        ArgumentOutOfRangeException.ThrowIfLessThan(SnippetLength, 20, nameof(SnippetLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPageSize, nameof(MaxPageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DefaultPageSize, nameof(DefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DefaultPageSize, MaxPageSize, nameof(DefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueryTerms, nameof(MaxQueryTerms));
        ArgumentOutOfRangeException.ThrowIfNegative(RankWindow, nameof(RankWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(CountWindow, nameof(CountWindow));
    }
}
