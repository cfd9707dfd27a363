using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search;

/// <summary>
/// Restricts a search. Fields combine with AND; the values inside one field combine with OR; an empty
/// field places no restriction.
/// </summary>
public sealed record SearchFilter
{
    /// <summary>The filter that restricts nothing.</summary>
    public static SearchFilter None { get; } = new();

    /// <summary>Record kinds.</summary>
    public IReadOnlyList<RecordKind> Kinds { get; init; } = [];

    /// <summary>Sectors.</summary>
    public IReadOnlyList<Sector> Sectors { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 country codes (any case).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Owning centers.</summary>
    public IReadOnlyList<string> CenterIds { get; init; } = [];

    /// <summary>Centers whose records are left out (matchmaking leaves out the asking center).</summary>
    public IReadOnlyList<string> ExcludedCenterIds { get; init; } = [];

    /// <summary>Record statuses.</summary>
    public IReadOnlyList<RecordStatus> Statuses { get; init; } = [];

    /// <summary>
    /// Languages a record carries a title or summary in: BCP 47 tags compared by primary subtag, so
    /// "zh" also selects records tagged "zh-Hans".
    /// </summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Lowest technology readiness level, 1–9. Setting either bound selects achievements only.</summary>
    public int? MinTrl { get; init; }

    /// <summary>Highest technology readiness level, 1–9.</summary>
    public int? MaxTrl { get; init; }

    /// <summary>True when a readiness bound is set.</summary>
    public bool HasTrlRange => MinTrl is not null || MaxTrl is not null;
}
