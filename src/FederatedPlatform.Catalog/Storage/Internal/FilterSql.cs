using System.Data.Common;
using FederatedPlatform.Catalog.Filtering;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Turns a <see cref="CatalogFilter"/> into SQL predicates with parameters on a command.</summary>
internal sealed class FilterSql
{
    private readonly string? _kinds;
    private readonly string? _sectors;
    private readonly string? _countries;
    private readonly string? _centers;

    public FilterSql(DbCommand command, CatalogFilter filter)
    {
        _kinds = filter.Kinds.Count == 0 ? null : command.InList("fk", filter.Kinds.Select(k => (int)k).ToList());
        _sectors = filter.Sectors.Count == 0 ? null : command.InList("fs", filter.Sectors.Select(s => (int)s).ToList());
        _countries = filter.Countries.Count == 0 ? null : command.InList("fn", filter.Countries);
        _centers = filter.CenterIds.Count == 0 ? null : command.InList("fc", filter.CenterIds);
    }

    /// <summary>The center restriction on <paramref name="centerColumn"/>, or TRUE.</summary>
    public string Center(string centerColumn) => _centers is null ? "1 = 1" : $"{centerColumn} IN ({_centers})";

    /// <summary>The kind/sector/country restriction on the given columns, or TRUE.</summary>
    public string Fields(string kindColumn, string sectorColumn, string countryColumn)
    {
        var parts = new List<string>(3);
        if (_kinds is not null)
        {
            parts.Add($"{kindColumn} IN ({_kinds})");
        }

        if (_sectors is not null)
        {
            parts.Add($"{sectorColumn} IN ({_sectors})");
        }

        if (_countries is not null)
        {
            parts.Add($"{countryColumn} IN ({_countries})");
        }

        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }
}
