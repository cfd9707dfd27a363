using FederatedPlatform.Catalog.Feed;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// Tombstone retention. Raises the horizon chunk by chunk, each chunk one short write transaction
/// that moves the horizon and deletes what it uncovers: change-log rows that are no longer any
/// record's current version (superseded versions, tombstones) and the tombstones themselves.
/// Current versions of live records are kept whatever their age: snapshots read their content there.
/// </summary>
internal sealed class Compactor(IStorageProvider provider, ILogger logger)
{
    // Bounds how long one chunk holds the write lock, so publishing is never stalled for long.
    private const ulong ChunkSeqs = 10_000;

    public async Task<CompactionResult> CompactAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ulong target;
        await using (var read = await ReadSession.BeginAsync(provider, cancellationToken))
        {
            var position = await FeedQueries.PositionAsync(read.Connection, read.Transaction, cancellationToken);
            target = await FindHorizonAsync(read, position, olderThan.ToUnixTimeMilliseconds(), cancellationToken);
        }

        long changes = 0, tombstones = 0;
        ulong horizon;
        while (true)
        {
            await using var session = await WriteSession.BeginAsync(provider, cancellationToken);

            // Takes the counter row lock that every sequence-allocating writer takes, first, and re-reads
            // under it: another hub instance may be compacting too.
            var lo = (ulong)await ScalarAsync(
                session, "UPDATE hub_state SET horizon_seq = horizon_seq WHERE id = 1 RETURNING horizon_seq", cancellationToken);
            horizon = lo;
            if (lo >= target)
            {
                break;
            }

            var hi = Math.Min(target, lo + ChunkSeqs);
            await ExecuteAsync(session, lo, hi, "UPDATE hub_state SET horizon_seq = @hi WHERE id = 1", cancellationToken);

            // Versions that were current at the last pass and have been superseded inside this chunk.
            changes += await ExecuteAsync(
                session, lo, hi,
                "DELETE FROM changes WHERE seq <= @lo AND seq IN (SELECT prev_seq FROM changes WHERE seq > @lo AND seq <= @hi AND prev_seq IS NOT NULL)",
                cancellationToken);
            changes += await ExecuteAsync(
                session, lo, hi,
                "DELETE FROM changes WHERE seq > @lo AND seq <= @hi AND NOT EXISTS (SELECT 1 FROM records r WHERE r.seq = changes.seq AND NOT r.deleted)",
                cancellationToken);
            tombstones += await ExecuteAsync(session, lo, hi, "DELETE FROM records WHERE deleted AND seq > @lo AND seq <= @hi", cancellationToken);
            await session.CommitAsync(cancellationToken);
            horizon = hi;
        }

        CatalogLog.Compacted(logger, horizon, changes, tombstones);
        return new CompactionResult(horizon, changes, tombstones);
    }

    /// <summary>
    /// The highest seq committed before the cutoff. Every seq above the horizon exists (allocation is
    /// gap-free and compaction deletes only at or below the horizon) and commit times grow with seq,
    /// so a binary search by point lookups finds it in O(log n) reads instead of a scan.
    /// </summary>
    private static async Task<ulong> FindHorizonAsync(ReadSession session, FeedPosition position, long cutoff, CancellationToken cancellationToken)
    {
        var lo = position.HorizonSeq;
        var hi = position.HeadSeq;
        await using var command = session.Command("SELECT applied_at FROM changes WHERE seq = @seq");
        var seq = command.Parameter("@seq");
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            seq.Value = (long)mid;
            var appliedAt = await command.ScalarInt64Async(cancellationToken);
            if (appliedAt < cutoff)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static async Task<long> ScalarAsync(WriteSession session, string sql, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        return await command.ScalarInt64Async(cancellationToken);
    }

    private static async Task<long> ExecuteAsync(WriteSession session, ulong lo, ulong hi, string sql, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        command.Parameter("@lo", (long)lo);
        command.Parameter("@hi", (long)hi);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
