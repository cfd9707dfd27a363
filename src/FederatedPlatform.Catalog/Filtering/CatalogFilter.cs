using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FederatedPlatform.Catalog.Validation.Internal;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Filtering;

/// <summary>
/// A validated, normalised <see cref="RecordFilter"/>: values sorted and distinct, so that equal filters
/// have equal <see cref="Hash"/>es and a cursor issued for one is accepted for the other.
/// Fields combine with AND, values within a field with OR, an empty field matches everything.
/// </summary>
public sealed class CatalogFilter
{
    private readonly HashSet<RecordKind> _kinds;
    private readonly HashSet<string> _centerIds;
    private readonly HashSet<Sector> _sectors;
    private readonly HashSet<string> _countries;

    private CatalogFilter(RecordKind[] kinds, string[] centerIds, Sector[] sectors, string[] countries)
    {
        Kinds = kinds;
        CenterIds = centerIds;
        Sectors = sectors;
        Countries = countries;
        _kinds = [.. kinds];
        _centerIds = new HashSet<string>(centerIds, StringComparer.Ordinal);
        _sectors = [.. sectors];
        _countries = new HashSet<string>(countries, StringComparer.Ordinal);
        Hash = ComputeHash();
    }

    /// <summary>The filter that matches every record.</summary>
    public static CatalogFilter All { get; } = new([], [], [], []);

    /// <summary>Allowed kinds, ascending; empty for any.</summary>
    public IReadOnlyList<RecordKind> Kinds { get; }

    /// <summary>Allowed centers, in byte order; empty for any.</summary>
    public IReadOnlyList<string> CenterIds { get; }

    /// <summary>Allowed sectors, ascending; empty for any.</summary>
    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Allowed countries, in byte order; empty for any.</summary>
    public IReadOnlyList<string> Countries { get; }

    /// <summary>True when the filter places no restriction.</summary>
    public bool IsEmpty => Kinds.Count == 0 && CenterIds.Count == 0 && Sectors.Count == 0 && Countries.Count == 0;

    /// <summary>A 64-bit digest of the normalised filter, carried in cursors to tie them to their filter.</summary>
    public ulong Hash { get; }

    /// <summary>Validates and normalises a filter from the API; a null filter is <see cref="All"/>.</summary>
    /// <exception cref="CatalogException">A value is invalid (<see cref="CatalogErrorCode.InvalidArgument"/>, with the field).</exception>
    public static CatalogFilter From(RecordFilter? filter, CatalogLimits limits)
    {
        if (filter is null)
        {
            return All;
        }

        CheckCount(filter.Kinds.Count, "filter.kinds", limits);
        CheckCount(filter.CenterIds.Count, "filter.center_ids", limits);
        CheckCount(filter.Sectors.Count, "filter.sectors", limits);
        CheckCount(filter.Countries.Count, "filter.countries", limits);
        for (var i = 0; i < filter.Kinds.Count; i++)
        {
            CheckEnum(filter.Kinds[i], $"filter.kinds[{i}]");
        }

        for (var i = 0; i < filter.Sectors.Count; i++)
        {
            CheckEnum(filter.Sectors[i], $"filter.sectors[{i}]");
        }

        for (var i = 0; i < filter.CenterIds.Count; i++)
        {
            var reason = TextRules.CheckCenterId(filter.CenterIds[i], limits.MaxCenterIdLength);
            if (reason is not null)
            {
                throw Invalid($"filter.center_ids[{i}]", reason);
            }
        }

        for (var i = 0; i < filter.Countries.Count; i++)
        {
            if (!TextRules.IsCountryCode(filter.Countries[i]))
            {
                throw Invalid($"filter.countries[{i}]", "not an ISO 3166-1 alpha-2 code such as OM");
            }
        }

        return Create(filter.Kinds, filter.CenterIds, filter.Sectors, filter.Countries);
    }

    /// <summary>Builds a filter from already valid values (tests, internal callers).</summary>
    public static CatalogFilter Create(
        IEnumerable<RecordKind>? kinds = null,
        IEnumerable<string>? centerIds = null,
        IEnumerable<Sector>? sectors = null,
        IEnumerable<string>? countries = null) =>
        new(
            [.. (kinds ?? []).Distinct().Order()],
            [.. (centerIds ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. (sectors ?? []).Distinct().Order()],
            [.. (countries ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>Whether a live record version with these fields is selected.</summary>
    public bool Matches(string centerId, FilterFields fields) =>
        (_centerIds.Count == 0 || _centerIds.Contains(centerId))
        && (_kinds.Count == 0 || _kinds.Contains(fields.Kind))
        && (_sectors.Count == 0 || _sectors.Contains(fields.Sector))
        && (_countries.Count == 0 || _countries.Contains(fields.Country));

    /// <summary>Whether a live record is selected.</summary>
    public bool Matches(Record record) => Matches(record.Id?.CenterId ?? string.Empty, FilterFields.Of(record));

    /// <summary>The filter in the API's shape.</summary>
    public RecordFilter ToProto()
    {
        var filter = new RecordFilter();
        filter.Kinds.AddRange(Kinds);
        filter.CenterIds.AddRange(CenterIds);
        filter.Sectors.AddRange(Sectors);
        filter.Countries.AddRange(Countries);
        return filter;
    }

    private ulong ComputeHash()
    {
        var canonical = new StringBuilder("fedplat.filter.v1");
        canonical.Append("|k=").AppendJoin(',', Kinds.Select(k => (int)k));
        canonical.Append("|c=").AppendJoin(',', CenterIds);
        canonical.Append("|s=").AppendJoin(',', Sectors.Select(s => (int)s));
        canonical.Append("|n=").AppendJoin(',', Countries);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    private static void CheckCount(int count, string field, CatalogLimits limits)
    {
        if (count > limits.MaxFilterValues)
        {
            throw Invalid(field, $"more than {limits.MaxFilterValues} values");
        }
    }

    private static void CheckEnum<T>(T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value) || Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw Invalid(field, "undefined or unspecified value");
        }
    }

    private static CatalogException Invalid(string field, string reason) =>
        new(CatalogErrorCode.InvalidArgument, $"{field}: {reason}") { Field = field };
}
