using System.Data.Common;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>A center's publishing state, read under the center's row lock.</summary>
internal sealed record CenterState(
    string CenterId,
    ulong ProducerEpoch,
    ulong AppliedSeq,
    ulong ReportedSeq,
    ulong RejectedCount,
    bool ResyncActive,
    bool ResyncRequested,
    string? ResyncReason)
{
    /// <summary>
    /// Locks the center's row for the rest of the transaction by writing <c>last_seen</c> first:
    /// two streams of one center (even on two hub instances) then apply one after the other, and the
    /// epoch check below sees the latest hello.
    /// </summary>
    /// <exception cref="CatalogException">The center is not registered.</exception>
    public static async Task<CenterState> LockAsync(
        WriteSession session, string centerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            """
            UPDATE centers SET last_seen = @now WHERE center_id = @center
            RETURNING producer_epoch, applied_seq, reported_seq, rejected_count, resync_active, resync_requested, resync_reason
            """);
        command.Parameter("@now", now.ToUnixTimeMilliseconds());
        command.Parameter("@center", centerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new CatalogException(CatalogErrorCode.CenterNotFound, $"center {centerId} is not registered");
        }

        return Read(centerId, reader);
    }

    /// <summary>Refuses any epoch but the current one: a lower one was fenced off by a newer hello.</summary>
    public void EnsureEpoch(ulong epoch)
    {
        if (epoch != ProducerEpoch)
        {
            throw new CatalogException(
                CatalogErrorCode.EpochFenced,
                $"producer epoch {epoch} of center {CenterId} is not current (current epoch {ProducerEpoch})");
        }
    }

    /// <summary>Writes the publishing counters back.</summary>
    public static async Task SaveAsync(
        WriteSession session, string centerId, ulong appliedSeq, ulong reportedSeq, ulong rejectedCount, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "UPDATE centers SET applied_seq = @applied, reported_seq = @reported, rejected_count = @rejected WHERE center_id = @center");
        command.Parameter("@applied", (long)appliedSeq);
        command.Parameter("@reported", (long)Math.Max(reportedSeq, appliedSeq));
        command.Parameter("@rejected", (long)rejectedCount);
        command.Parameter("@center", centerId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static CenterState Read(string centerId, DbDataReader reader) =>
        new(
            centerId,
            (ulong)reader.GetInt64(0),
            (ulong)reader.GetInt64(1),
            (ulong)reader.GetInt64(2),
            (ulong)reader.GetInt64(3),
            reader.GetBoolean(4),
            reader.GetBoolean(5),
            reader.NullableString(6));
}
