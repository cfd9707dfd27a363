using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Point reads and listings over the storage seam.</summary>
internal sealed class CatalogReader(IStorageProvider provider) : ICatalogReader
{
    public async Task<Record?> GetRecordAsync(string centerId, string localId, CancellationToken cancellationToken)
    {
        await using var session = await ReadSession.BeginAsync(provider, cancellationToken);
        await using var command = session.Command(
            "SELECT c.payload FROM records r JOIN changes c ON c.seq = r.seq WHERE r.center_id = @center AND r.local_id = @local AND NOT r.deleted");
        command.Parameter("@center", centerId);
        command.Parameter("@local", localId);
        var payload = await command.ExecuteScalarAsync(cancellationToken);
        return payload is byte[] bytes ? Record.Parser.ParseFrom(bytes) : null;
    }

    public async Task<RecordPage> ListRecordsAsync(CatalogFilter filter, RecordKey? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var session = await ReadSession.BeginAsync(provider, cancellationToken);

        // One extra row tells whether another page exists without an empty last page.
        var records = await FeedQueries.RecordsAsync(session.Connection, session.Transaction, filter, after, pageSize + 1, cancellationToken);
        if (records.Count <= pageSize)
        {
            return new RecordPage(records, null);
        }

        records.RemoveAt(records.Count - 1);
        var last = records[^1].Id;
        return new RecordPage(records, new RecordKey(last.CenterId, last.LocalId));
    }
}
