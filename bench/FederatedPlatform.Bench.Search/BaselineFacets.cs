using FederatedPlatform.Search;

namespace FederatedPlatform.Bench.Search;

/// <summary>The baseline's facet counts, with the product's rule: a field's counts apply every filter but its own.</summary>
public sealed class BaselineFacets(SearchFilter filter)
{
    private readonly Dictionary<string, long>[] _counts = [.. Enumerable.Range(0, 7).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];

    public long Total { get; private set; }

    public void Add(int kind, int sector, string country, string center, int status, int trl, string languages)
    {
        Span<bool> passes =
        [
            filter.Kinds.Count == 0 || filter.Kinds.Any(k => (int)k == kind),
            filter.Sectors.Count == 0 || filter.Sectors.Any(s => (int)s == sector),
            filter.Countries.Count == 0 || filter.Countries.Contains(country),
            filter.CenterIds.Count == 0 || filter.CenterIds.Contains(center),
        ];
        var failures = 0;
        foreach (var pass in passes)
        {
            failures += pass ? 0 : 1;
        }

        if (failures == 0)
        {
            Total++;
        }

        string[] values = [kind.ToString(System.Globalization.CultureInfo.InvariantCulture), sector.ToString(System.Globalization.CultureInfo.InvariantCulture), country, center];
        for (var i = 0; i < values.Length; i++)
        {
            if (failures == 0 || (failures == 1 && !passes[i]))
            {
                _counts[i][values[i]] = _counts[i].GetValueOrDefault(values[i]) + 1;
            }
        }

        if (failures == 0)
        {
            Increment(4, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Increment(5, trl.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var language in languages.Split(' '))
            {
                Increment(6, language);
            }
        }
    }

    private void Increment(int field, string value) => _counts[field][value] = _counts[field].GetValueOrDefault(value) + 1;
}
