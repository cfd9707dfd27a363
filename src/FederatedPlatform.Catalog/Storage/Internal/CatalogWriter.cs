using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>The publish intake over the storage seam; each method is one transaction.</summary>
internal sealed class CatalogWriter(
    IStorageProvider provider, ChangeApplier applier, ResyncSweeper sweeper, CatalogIndexing indexing, string hubEpoch, TimeProvider time, ILogger logger)
    : ICatalogWriter
{
    // Enough to take every stream's pending batch of a busy hub in one commit, few enough that one
    // group does not hold the writer for long.
    private const int MaxGroupParts = 16;

    // Not on PostgreSQL: there several instances write at once, and a group would lock a second center
    // row while holding the counter row, against the lock order (center, then counter) that keeps
    // writers from deadlocking. Its round trips are batched per statement instead (PostgresChangeBatch).
    private readonly GroupCommitter<ApplyResult> _group = new(provider, provider is PostgresStorageProvider ? 1 : MaxGroupParts);

    public async Task<PublishStart> OpenPublishAsync(string centerId, ulong epoch, ulong lastSeq, CancellationToken cancellationToken)
    {
        EnsureStorable(epoch, "hello.epoch");
        EnsureStorable(lastSeq, "hello.last_seq");
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var center = await CenterState.LockAsync(session, centerId, time.GetUtcNow(), cancellationToken);
        if (epoch < center.ProducerEpoch)
        {
            CatalogLog.EpochFenced(logger, centerId, epoch, center.ProducerEpoch);
            center.EnsureEpoch(epoch);
        }

        if (epoch > center.ProducerEpoch)
        {
            // A resync begun by the older epoch can never be finished by it now.
            await using var command = session.Command(
                """
                UPDATE centers SET producer_epoch = @epoch, resync_active = @false WHERE center_id = @center;
                DELETE FROM resync_entries WHERE center_id = @center;
                """);
            command.Parameter("@epoch", (long)epoch);
            command.Parameter("@false", false);
            command.Parameter("@center", centerId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            CatalogLog.EpochRaised(logger, centerId, center.ProducerEpoch, epoch);
        }

        await CenterState.SaveAsync(
            session, centerId, center.AppliedSeq, Math.Max(center.ReportedSeq, lastSeq), center.RejectedCount, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new PublishStart(center.AppliedSeq, epoch, hubEpoch, center.ResyncRequested, center.ResyncReason);
    }

    public Task<ApplyResult> ApplyAsync(
        string centerId, ulong epoch, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        // Validation, serialisation and the indexer's analysis before the writer gate, in the stream's own task.
        var prepared = applier.Prepare(centerId, [.. changes.Select((c, i) => new ChangeApplier.Item(i, c.Seq, c.Record))]);
        indexing.Prepare(prepared);
        return _group.SubmitAsync(session => ApplyPreparedAsync(session, centerId, epoch, changes, prepared), cancellationToken);
    }

    private async Task<ApplyResult> ApplyPreparedAsync(
        WriteSession session, string centerId, ulong epoch, IReadOnlyList<Change> changes, ChangeApplier.Prepared[] prepared)
    {
        var cancellationToken = CancellationToken.None;
        var now = time.GetUtcNow();
        var center = await LockCurrentAsync(session, centerId, epoch, now, cancellationToken);
        if (center.ResyncActive)
        {
            throw new CatalogException(
                CatalogErrorCode.ResyncInProgress, $"center {centerId} is resyncing; send resync records and end before changes");
        }

        var outcomes = new ChangeOutcome?[changes.Count];
        var items = new List<ChangeApplier.Prepared>(changes.Count);
        var applied = center.AppliedSeq;
        var processed = 0;
        ulong? expected = null;
        for (; processed < changes.Count; processed++)
        {
            var change = changes[processed];
            if (change.Seq <= applied)
            {
                outcomes[processed] = new ChangeOutcome(change.Seq, change.Record?.Id, ChangeDisposition.Duplicate, 0, null);
                continue;
            }

            if (change.Seq != applied + 1)
            {
                expected = applied + 1;
                CatalogLog.SequenceGap(logger, centerId, applied + 1, change.Seq);
                break;
            }

            applied = change.Seq;
            items.Add(prepared[processed]);
        }

        var committed = await applier.ApplyAsync(session, centerId, items, outcomes, now, cancellationToken);
        await indexing.IndexAsync(session, committed, cancellationToken);
        var results = outcomes[..processed].Select(o => o!).ToList();
        var rejected = (ulong)results.Count(o => o.Disposition == ChangeDisposition.Rejected);
        if (applied != center.AppliedSeq || rejected > 0)
        {
            await CenterState.SaveAsync(session, centerId, applied, center.ReportedSeq, center.RejectedCount + rejected, cancellationToken);
        }

        return new ApplyResult(applied, results, committed, expected);
    }

    public async Task ReportProgressAsync(string centerId, ulong epoch, ulong lastSeq, CancellationToken cancellationToken)
    {
        EnsureStorable(lastSeq, "heartbeat.last_seq");
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var center = await LockCurrentAsync(session, centerId, epoch, time.GetUtcNow(), cancellationToken);
        if (lastSeq > center.ReportedSeq)
        {
            await CenterState.SaveAsync(session, centerId, center.AppliedSeq, lastSeq, center.RejectedCount, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
    }

    public async Task BeginResyncAsync(string centerId, ulong epoch, CancellationToken cancellationToken)
    {
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        await LockCurrentAsync(session, centerId, epoch, time.GetUtcNow(), cancellationToken);
        await using var command = session.Command(
            """
            DELETE FROM resync_entries WHERE center_id = @center;
            UPDATE centers SET resync_active = @true WHERE center_id = @center;
            """);
        command.Parameter("@center", centerId);
        command.Parameter("@true", true);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await session.CommitAsync(cancellationToken);
        CatalogLog.ResyncBegun(logger, centerId, epoch);
    }

    public async Task<ApplyResult> ApplyResyncRecordsAsync(
        string centerId, ulong epoch, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var now = time.GetUtcNow();
        var center = await LockResyncingAsync(session, centerId, epoch, now, cancellationToken);
        await sweeper.StageAsync(session, centerId, records, cancellationToken);

        var outcomes = new ChangeOutcome?[records.Count];
        var items = records.Select((record, index) => new ChangeApplier.Item(index, 0, record)).ToList();
        var committed = await applier.PrepareAndApplyAsync(session, centerId, items, outcomes, now, cancellationToken);
        await indexing.IndexAsync(session, committed, cancellationToken);
        var results = outcomes.Select(o => o!).ToList();
        var rejected = (ulong)results.Count(o => o.Disposition == ChangeDisposition.Rejected);
        if (rejected > 0)
        {
            await CenterState.SaveAsync(session, centerId, center.AppliedSeq, center.ReportedSeq, center.RejectedCount + rejected, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return new ApplyResult(center.AppliedSeq, results, committed, null);
    }

    public async Task<ResyncResult> EndResyncAsync(string centerId, ulong epoch, ResyncEnd end, CancellationToken cancellationToken)
    {
        EnsureStorable(end.Seq, "resync_end.seq");
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var now = time.GetUtcNow();
        var center = await LockResyncingAsync(session, centerId, epoch, now, cancellationToken);
        var result = await sweeper.EndAsync(session, center, end, now, cancellationToken);
        await indexing.IndexAsync(session, result.Committed, cancellationToken);
        await session.CommitAsync(cancellationToken);
        if (result.Matched)
        {
            CatalogLog.ResyncCompleted(logger, centerId, result.HubCount, result.Deleted, result.AppliedSeq);
        }
        else
        {
            CatalogLog.ResyncMismatch(logger, centerId, result.NodeCount, result.NodeDigest, result.HubCount, result.HubDigest);
        }

        return result;
    }

    private async Task<CenterState> LockCurrentAsync(
        WriteSession session, string centerId, ulong epoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var center = await CenterState.LockAsync(session, centerId, now, cancellationToken);
        if (epoch != center.ProducerEpoch)
        {
            CatalogLog.EpochFenced(logger, centerId, epoch, center.ProducerEpoch);
        }

        center.EnsureEpoch(epoch);
        return center;
    }

    private async Task<CenterState> LockResyncingAsync(
        WriteSession session, string centerId, ulong epoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var center = await LockCurrentAsync(session, centerId, epoch, now, cancellationToken);
        return center.ResyncActive
            ? center
            : throw new CatalogException(CatalogErrorCode.ResyncNotStarted, $"center {centerId} has no resync in progress; send resync_begin first");
    }

    private static void EnsureStorable(ulong value, string field)
    {
        if (value > long.MaxValue)
        {
            throw new CatalogException(CatalogErrorCode.InvalidArgument, $"{field}: larger than {long.MaxValue}") { Field = field };
        }
    }
}
