namespace FederatedPlatform.Search;

/// <summary>A full-text search with filters, one page at a time.</summary>
public sealed record SearchQuery
{
    /// <summary>Free text in any language; empty lists the filtered records in record id order.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>
    /// Already analysed terms to search for instead of <see cref="Text"/> (as produced by
    /// <see cref="Analysis.TextAnalyzer"/> in query mode); matchmaking uses this. Null to analyse <see cref="Text"/>.
    /// </summary>
    public IReadOnlyList<string>? Terms { get; init; }

    /// <summary>How the terms combine. Default <see cref="TermMatching.AllThenAny"/>.</summary>
    public TermMatching Matching { get; init; } = TermMatching.AllThenAny;

    /// <summary>Restrictions on the matching records.</summary>
    public SearchFilter Filter { get; init; } = SearchFilter.None;

    /// <summary>Hits per page; 0 means the index's default page size.</summary>
    public int PageSize { get; init; }

    /// <summary>Empty for the first page; otherwise the previous page's next token, with the same query.</summary>
    public string PageToken { get; init; } = string.Empty;

    /// <summary>Whether to count the matching records per filter field value. Default true.</summary>
    public bool IncludeFacets { get; init; } = true;

    /// <summary>Whether to build highlighted titles and snippets. Default true.</summary>
    public bool IncludeSnippets { get; init; } = true;
}
