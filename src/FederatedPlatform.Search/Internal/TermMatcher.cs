namespace FederatedPlatform.Search.Internal;

/// <summary>Tests analysed document terms against the query terms (exact ones by hash, prefixes by scan).</summary>
internal sealed class TermMatcher
{
    private readonly HashSet<string> _exact;
    private readonly QueryTerm[] _prefixes;

    public TermMatcher(IEnumerable<QueryTerm> terms)
    {
        var all = terms.ToList();
        _exact = all.Where(t => !t.Prefix).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _prefixes = [.. all.Where(t => t.Prefix)];
    }

    public bool Matches(string term)
    {
        if (_exact.Contains(term))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (prefix.Matches(term))
            {
                return true;
            }
        }

        return false;
    }
}
