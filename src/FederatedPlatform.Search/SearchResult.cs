namespace FederatedPlatform.Search;

/// <summary>One page of search results.</summary>
public sealed record SearchResult
{
    /// <summary>Hits with every term first, then by score, then by record id.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Token for the next page; empty on the last page.</summary>
    public required string NextPageToken { get; init; }

    /// <summary>The analysed terms searched for; a prefix match ends in '*'.</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    /// <summary>Records matching the query and filter; null when facets were not requested.</summary>
    public long? TotalCount { get; init; }

    /// <summary>
    /// True when more records matched than <see cref="SearchIndexOptions.CountWindow"/>: <see cref="TotalCount"/> and
    /// the facet counts were then taken over the newest matches only and are lower bounds.
    /// </summary>
    public bool CountsAreLowerBounds { get; init; }

    /// <summary>
    /// True when more records matched than <see cref="SearchIndexOptions.RankWindow"/>: the hits were then ranked
    /// among the newest records with every term and, when those were fewer than the window, the newest records with
    /// any term (up to the window each), not among every match, and paging ends after that set.
    /// </summary>
    public bool RankedWithinWindow { get; init; }

    /// <summary>Counts per filter field value, largest first; empty when not requested.</summary>
    public IReadOnlyDictionary<FacetField, IReadOnlyList<FacetCount>> Facets { get; init; } =
        new Dictionary<FacetField, IReadOnlyList<FacetCount>>();
}
