using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Reading;

/// <summary>Point reads and paged listings of live records (GetRecord, ListRecords).</summary>
public interface ICatalogReader
{
    /// <summary>The live record, or null when absent or deleted. Contacts are included; the service strips them per caller.</summary>
    Task<Record?> GetRecordAsync(string centerId, string localId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="pageSize"/> live records after <paramref name="after"/>, in (center_id, local_id) order.</summary>
    Task<RecordPage> ListRecordsAsync(CatalogFilter filter, RecordKey? after, int pageSize, CancellationToken cancellationToken);
}
