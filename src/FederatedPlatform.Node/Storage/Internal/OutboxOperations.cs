using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>What the publisher does to the outbox: read pending changes, record the hub's acknowledgements and rejections.</summary>
internal static class OutboxOperations
{
    public static async Task<IReadOnlyList<OutboxEntry>> ReadAsync(NodeDbContext context, ulong fromSeq, int max, CancellationToken cancellationToken)
    {
        var from = (long)fromSeq;
        var rows = await context.Outbox.AsNoTracking()
            .Where(o => o.Seq >= from)
            .OrderBy(o => o.Seq)
            .Take(max)
            .Select(o => new { o.Seq, o.Payload })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OutboxEntry((ulong)r.Seq, RowMapping.ToRecord(r.Payload)))];
    }

    /// <summary>
    /// Aligns the outbox with the hub's welcome: entries up to <paramref name="appliedSeq"/> are
    /// acknowledged; if the hub reports less than it acknowledged before (its catalog was restored),
    /// the entries after it are pending again. False when the outbox cannot resume from
    /// <paramref name="appliedSeq"/> + 1 and a full resync is needed.
    /// </summary>
    public static async Task<bool> AlignWithHubAsync(WriteScope scope, ulong appliedSeq)
    {
        var context = scope.Context;
        var state = await OwnRecordWrites.StateAsync(scope);
        var applied = (long)appliedSeq;
        if (applied > state.LastSeq)
        {
            return false;
        }

        if (applied < state.AckedSeq)
        {
            await context.Outbox
                .Where(o => o.Seq > applied && o.State == OutboxState.Acked)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending), scope.CancellationToken);
            state.AckedSeq = applied;
        }
        else
        {
            await MarkAckedAsync(scope, state, applied);
        }

        return applied == state.LastSeq || await context.Outbox.AnyAsync(o => o.Seq == applied + 1, scope.CancellationToken);
    }

    /// <summary>Records a cumulative acknowledgement and the rejections that came with it, in the caller's transaction.</summary>
    public static async Task ApplyHubResponsesAsync(
        WriteScope scope, ulong ackedSeq, IReadOnlyList<Rejection> rejections, DateTimeOffset now, Action<Rejection> unmatched)
    {
        var context = scope.Context;
        var state = await OwnRecordWrites.StateAsync(scope);
        await MarkAckedAsync(scope, state, Math.Min((long)ackedSeq, state.LastSeq));
        foreach (var rejection in rejections)
        {
            var seq = await FindRejectedSeqAsync(context, rejection, scope.CancellationToken);
            if (seq is null)
            {
                unmatched(rejection);
                continue;
            }

            var code = (int)rejection.Code;
            var field = rejection.Field;
            var reason = rejection.Reason;
            var at = now.ToUnixTimeMilliseconds();
            await context.Outbox.Where(o => o.Seq == seq.Value).ExecuteUpdateAsync(
                s => s.SetProperty(o => o.State, OutboxState.Rejected)
                    .SetProperty(o => o.RejectionCode, code)
                    .SetProperty(o => o.RejectionField, field)
                    .SetProperty(o => o.RejectionReason, reason)
                    .SetProperty(o => o.RejectedAt, (long?)at),
                scope.CancellationToken);
        }
    }

    private static async Task MarkAckedAsync(WriteScope scope, NodeStateRow state, long applied)
    {
        if (applied <= state.AckedSeq)
        {
            return;
        }

        var previous = state.AckedSeq;
        await scope.Context.Outbox
            .Where(o => o.Seq > previous && o.Seq <= applied && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Acked), scope.CancellationToken);
        state.AckedSeq = applied;
    }

    // A change carries its seq; a record sent in a resync has seq 0 and is found as the record's newest change.
    private static async Task<long?> FindRejectedSeqAsync(NodeDbContext context, Rejection rejection, CancellationToken cancellationToken)
    {
        if (rejection.Seq != 0)
        {
            var seq = (long)Math.Min(rejection.Seq, long.MaxValue);
            return await context.Outbox.AnyAsync(o => o.Seq == seq, cancellationToken) ? seq : null;
        }

        if (rejection.Id is null)
        {
            return null;
        }

        var localId = rejection.Id.LocalId;
        return await context.Outbox
            .Where(o => o.LocalId == localId)
            .OrderByDescending(o => o.Seq)
            .Select(o => (long?)o.Seq)
            .FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>One outbox entry to publish.</summary>
internal sealed record OutboxEntry(ulong Seq, Record Record);
