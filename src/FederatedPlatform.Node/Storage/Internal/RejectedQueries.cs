using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>The changes the hub rejected, newest first, paged by seq.</summary>
internal static class RejectedQueries
{
    public static async Task<ListRejectedResponse> ListAsync(NodeDbContext context, int pageSize, long beforeSeq, CancellationToken cancellationToken)
    {
        var rows = await context.Outbox.AsNoTracking()
            .Where(o => o.State == OutboxState.Rejected && o.Seq < beforeSeq)
            .OrderByDescending(o => o.Seq)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var response = new ListRejectedResponse();
        foreach (var row in rows.Take(pageSize))
        {
            response.Changes.Add(new RejectedChange
            {
                Seq = (ulong)row.Seq,
                Record = RowMapping.ToRecord(row.Payload),
                Code = (RejectionCode)row.RejectionCode,
                Field = row.RejectionField ?? string.Empty,
                Reason = row.RejectionReason ?? string.Empty,
                RejectedAt = row.RejectedAt is { } at ? Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(at)) : null,
            });
        }

        if (rows.Count > pageSize)
        {
            response.NextPageToken = PageTokens.FromSeq(rows[pageSize - 1].Seq);
        }

        return response;
    }
}
