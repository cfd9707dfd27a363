using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Filtering;

/// <summary>The fields of a live record version that a <see cref="CatalogFilter"/> looks at (besides its center).</summary>
public readonly record struct FilterFields(RecordKind Kind, Sector Sector, string Country)
{
    /// <summary>The filter fields of a record.</summary>
    public static FilterFields Of(Record record) => new(record.Kind, record.Sector, record.Country);
}
