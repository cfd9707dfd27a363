using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Reading;

/// <summary>A page of live records and where the next page starts (null on the last page).</summary>
public sealed record RecordPage(IReadOnlyList<Record> Records, RecordKey? Next);
