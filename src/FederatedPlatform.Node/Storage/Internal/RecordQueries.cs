using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Filtered, keyset-paged listings of own records and of the replica, in (center_id, local_id) byte order.</summary>
internal static class RecordQueries
{
    public static async Task<ListRecordsResponse> ListOwnAsync(
        NodeDbContext context, string centerId, RecordFilter filter, int pageSize, RecordKey? after, CancellationToken cancellationToken)
    {
        var query = context.OwnRecords.AsNoTracking().Where(r => !r.Deleted);
        var kinds = filter.Kinds.Select(k => (int)k).ToList();
        var sectors = filter.Sectors.Select(s => (int)s).ToList();
        var countries = filter.Countries.ToList();
        if (kinds.Count > 0)
        {
            query = query.Where(r => kinds.Contains(r.Kind));
        }

        if (sectors.Count > 0)
        {
            query = query.Where(r => sectors.Contains(r.Sector));
        }

        if (countries.Count > 0)
        {
            query = query.Where(r => countries.Contains(r.Country));
        }

        if (after is not null)
        {
            var comparison = string.CompareOrdinal(after.CenterId, centerId);
            var localId = after.LocalId;
            if (comparison > 0)
            {
                return new ListRecordsResponse();
            }

            if (comparison == 0)
            {
                query = query.Where(r => string.Compare(r.LocalId, localId) > 0);
            }
        }

        var payloads = await query.OrderBy(r => r.LocalId).Take(pageSize + 1).Select(r => r.Payload).ToListAsync(cancellationToken);
        return Page(payloads, pageSize);
    }

    public static async Task<ListRecordsResponse> ListReplicaAsync(
        NodeDbContext context, RecordFilter filter, int pageSize, RecordKey? after, CancellationToken cancellationToken)
    {
        IQueryable<ReplicaRecordRow> query = context.Replica.AsNoTracking().Where(r => !r.Deleted);
        var kinds = filter.Kinds.Select(k => (int)k).ToList();
        var centers = filter.CenterIds.ToList();
        var sectors = filter.Sectors.Select(s => (int)s).ToList();
        var countries = filter.Countries.ToList();
        if (kinds.Count > 0)
        {
            query = query.Where(r => kinds.Contains(r.Kind));
        }

        if (centers.Count > 0)
        {
            query = query.Where(r => centers.Contains(r.CenterId));
        }

        if (sectors.Count > 0)
        {
            query = query.Where(r => sectors.Contains(r.Sector));
        }

        if (countries.Count > 0)
        {
            query = query.Where(r => countries.Contains(r.Country));
        }

        if (after is not null)
        {
            var (center, local) = (after.CenterId, after.LocalId);
            query = query.Where(r => string.Compare(r.CenterId, center) > 0 || (r.CenterId == center && string.Compare(r.LocalId, local) > 0));
        }

        var payloads = await query
            .OrderBy(r => r.CenterId).ThenBy(r => r.LocalId)
            .Take(pageSize + 1)
            .Select(r => r.Payload!)
            .ToListAsync(cancellationToken);
        return Page(payloads, pageSize);
    }

    private static ListRecordsResponse Page(List<byte[]> payloads, int pageSize)
    {
        var response = new ListRecordsResponse();
        foreach (var payload in payloads.Take(pageSize))
        {
            response.Records.Add(RowMapping.ToRecord(payload));
        }

        if (payloads.Count > pageSize)
        {
            var last = response.Records[^1].Id;
            response.NextPageToken = new RecordKey(last.CenterId, last.LocalId).ToToken();
        }

        return response;
    }
}
