namespace FederatedPlatform.Search.Internal;

/// <summary>
/// The filter evaluated in C# per field, mirroring the engine's SQL predicates, so that facet counts
/// can apply every filter field except the counted one in a single pass over the matching records.
/// </summary>
internal sealed class FilterMatcher
{
    private readonly SearchFilter _filter;
    private readonly HashSet<string> _countries;
    private readonly HashSet<string> _centers;
    private readonly HashSet<string> _excluded;
    private readonly HashSet<string> _languages;

    public FilterMatcher(SearchFilter filter)
    {
        _filter = filter;
        _countries = filter.Countries.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        _centers = filter.CenterIds.ToHashSet(StringComparer.Ordinal);
        _excluded = filter.ExcludedCenterIds.ToHashSet(StringComparer.Ordinal);
        _languages = SearchValidation.Languages(filter).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the row passes the filter on <paramref name="field"/>.</summary>
    public bool Passes(FacetField field, in FacetRow row) => field switch
    {
        FacetField.Kind => _filter.Kinds.Count == 0 || _filter.Kinds.Contains(row.Kind),
        FacetField.Sector => _filter.Sectors.Count == 0 || _filter.Sectors.Contains(row.Sector),
        FacetField.Country => _countries.Count == 0 || _countries.Contains(row.Country),
        FacetField.Center => (_centers.Count == 0 || _centers.Contains(row.CenterId)) && !_excluded.Contains(row.CenterId),
        FacetField.Status => _filter.Statuses.Count == 0 || _filter.Statuses.Contains(row.Status),
        FacetField.Language => _languages.Count == 0 || HasLanguage(row.Languages),
        FacetField.Trl => !_filter.HasTrlRange
            || (row.Trl >= Math.Max(1, _filter.MinTrl ?? 1) && row.Trl <= (_filter.MaxTrl ?? 9)),
        _ => true,
    };

    private bool HasLanguage(string languages)
    {
        foreach (var range in languages.AsSpan().Split(' '))
        {
            if (_languages.GetAlternateLookup<ReadOnlySpan<char>>().Contains(languages.AsSpan()[range]))
            {
                return true;
            }
        }

        return false;
    }
}
