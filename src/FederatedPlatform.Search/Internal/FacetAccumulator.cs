using System.Globalization;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// Counts matching records per facet value in one pass. A row counts for field F when it passes every
/// filter field but F (multi-select facets); it counts in the total when it passes them all.
/// </summary>
internal sealed class FacetAccumulator(FilterMatcher matcher)
{
    private static readonly FacetField[] Fields = Enum.GetValues<FacetField>();
    private static readonly string[] TrlCodes = [.. Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private readonly Dictionary<FacetField, Dictionary<string, long>> _counts =
        Fields.ToDictionary(f => f, _ => new Dictionary<string, long>(StringComparer.Ordinal));

    private readonly bool[] _passes = new bool[Fields.Length];

    public long Total { get; private set; }

    public void Add(in FacetRow row)
    {
        var failures = 0;
        for (var i = 0; i < Fields.Length; i++)
        {
            _passes[i] = matcher.Passes(Fields[i], row);
            failures += _passes[i] ? 0 : 1;
        }

        if (failures == 0)
        {
            Total++;
        }

        for (var i = 0; i < Fields.Length; i++)
        {
            // Counted for field i when every other field passes.
            if (failures == 0 || (failures == 1 && !_passes[i]))
            {
                Count(Fields[i], row);
            }
        }
    }

    public IReadOnlyDictionary<FacetField, IReadOnlyList<FacetCount>> Result() =>
        _counts.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<FacetCount>)[.. pair.Value
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new FacetCount(v.Key, v.Value))]);

    private void Count(FacetField field, in FacetRow row)
    {
        switch (field)
        {
            case FacetField.Kind:
                Increment(field, EnumCodes.Of(row.Kind));
                break;
            case FacetField.Sector:
                Increment(field, EnumCodes.Of(row.Sector));
                break;
            case FacetField.Country:
                Increment(field, row.Country);
                break;
            case FacetField.Center:
                Increment(field, row.CenterId);
                break;
            case FacetField.Status:
                Increment(field, EnumCodes.Of(row.Status));
                break;
            case FacetField.Trl when row.Trl is >= 1 and <= 9:
                Increment(field, TrlCodes[row.Trl]);
                break;
            case FacetField.Language:
                foreach (var range in row.Languages.AsSpan().Split(' '))
                {
                    if (range.End.Value > range.Start.Value)
                    {
                        Increment(field, row.Languages[range]);
                    }
                }

                break;
        }
    }

    private void Increment(FacetField field, string value)
    {
        var counts = _counts[field];
        counts[value] = counts.GetValueOrDefault(value) + 1;
    }
}
