using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// The resync bookkeeping: which local ids (and versions) the node's snapshot contained, kept in
/// <c>resync_entries</c> so a snapshot of any size costs no hub memory, and the final check-and-sweep.
/// </summary>
internal sealed class ResyncSweeper(RecordValidator validator)
{
    /// <summary>Remembers the records of one snapshot page.</summary>
    public async Task StageAsync(WriteSession session, string centerId, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            """
            INSERT INTO resync_entries (center_id, local_id, version) VALUES (@center, @local, @version)
            ON CONFLICT (center_id, local_id) DO UPDATE SET version = excluded.version
            """);
        command.Parameter("@center", centerId);
        var local = command.Parameter("@local");
        var version = command.Parameter("@version");
        await command.PrepareAsync(cancellationToken);
        foreach (var record in records)
        {
            // A record without a well-formed local id cannot be part of the digest the hub recomputes:
            // it is left out, so the counts differ and the resync fails instead of sweeping wrongly.
            var localId = record.Id?.LocalId ?? string.Empty;
            if (validator.CheckLocalId(localId) is not null || record.Version > long.MaxValue)
            {
                continue;
            }

            local.Value = localId;
            version.Value = (long)record.Version;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Checks count and digest; on a match tombstones the center's live records missing from the snapshot.</summary>
    public async Task<ResyncResult> EndAsync(
        WriteSession session, CenterState center, ResyncEnd end, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (hubCount, hubDigest) = await DigestAsync(session, center.CenterId, cancellationToken);
        var matched = hubCount == end.Count && string.Equals(hubDigest, end.Digest, StringComparison.OrdinalIgnoreCase);
        IReadOnlyList<CatalogChange> committed = [];
        var appliedSeq = center.AppliedSeq;
        if (matched)
        {
            committed = await SweepAsync(session, center.CenterId, now, cancellationToken);
            appliedSeq = end.Seq;
        }

        await using var command = session.Command(
            """
            DELETE FROM resync_entries WHERE center_id = @center;
            UPDATE centers SET resync_active = @false, applied_seq = @applied, reported_seq = @reported,
                resync_requested = CASE WHEN @matched THEN @false ELSE resync_requested END,
                resync_reason = CASE WHEN @matched THEN NULL ELSE resync_reason END
            WHERE center_id = @center;
            """);
        command.Parameter("@center", center.CenterId);
        command.Parameter("@false", false);
        command.Parameter("@matched", matched);
        command.Parameter("@applied", (long)appliedSeq);
        command.Parameter("@reported", (long)Math.Max(center.ReportedSeq, appliedSeq));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new ResyncResult(matched, end.Count, hubCount, end.Digest, hubDigest, appliedSeq, committed);
    }

    private static async Task<(ulong Count, string Digest)> DigestAsync(
        WriteSession session, string centerId, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "SELECT local_id, version FROM resync_entries WHERE center_id = @center ORDER BY local_id");
        command.Parameter("@center", centerId);
        using var digest = new ResyncDigest();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            digest.Append(reader.GetString(0), (ulong)reader.GetInt64(1));
        }

        return (digest.Count, digest.Finish());
    }

    private static async Task<IReadOnlyList<CatalogChange>> SweepAsync(
        WriteSession session, string centerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missing = new List<(string LocalId, StoredRecord Stored)>();
        await using (var command = session.Command(
            """
            SELECT r.local_id, r.version, r.kind, r.sector, r.country, r.seq FROM records r
            WHERE r.center_id = @center AND NOT r.deleted
              AND NOT EXISTS (SELECT 1 FROM resync_entries e WHERE e.center_id = r.center_id AND e.local_id = r.local_id)
            ORDER BY r.local_id
            """))
        {
            command.Parameter("@center", centerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var fields = new FilterFields((RecordKind)reader.GetInt32(2), (Sector)reader.GetInt32(3), reader.GetString(4));
                missing.Add((reader.GetString(0), new StoredRecord((ulong)reader.GetInt64(1), false, fields, (ulong)reader.GetInt64(5))));
            }
        }

        if (missing.Count == 0)
        {
            return [];
        }

        var first = await CatalogSequence.AllocateAsync(session, missing.Count, cancellationToken);
        var commitEnd = first + (ulong)missing.Count - 1;
        var written = new List<CatalogChange>(missing.Count);
        await using var writer = await ChangeLogWriter.CreateAsync(session, now, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            var (localId, stored) = missing[i];

            // The hub writes the deletion the node can no longer send: the next version, as a tombstone.
            var tombstone = new Record
            {
                Id = new RecordId { CenterId = centerId, LocalId = localId },
                Kind = stored.Fields.Kind,
                Version = stored.Version + 1,
                Deleted = true,
            };
            written.Add(await writer.WriteAsync(first + (ulong)i, commitEnd, tombstone, stored, cancellationToken));
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }
}
