using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal;

/// <summary>The filter fields of one matching record, read for counting facets.</summary>
internal readonly record struct FacetRow(
    RecordKind Kind, Sector Sector, string Country, string CenterId, RecordStatus Status, int Trl, string Languages);
