using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// The write path of the center's own records. Each method runs inside one write transaction and
/// appends the change to the outbox with the next gap-free sequence number in that same transaction.
/// </summary>
internal sealed class OwnRecordWrites(string centerId)
{
    public async Task<Record> CreateAsync(WriteScope scope, Record prepared, Timestamp now)
    {
        var context = scope.Context;
        var localId = prepared.Id.LocalId;
        var existing = await context.OwnRecords.FindAsync([localId], scope.CancellationToken);
        if (existing is not null)
        {
            throw new NodeStoreException(
                NodeStoreErrorCode.AlreadyExists,
                "id.local_id",
                existing.Deleted ? $"id.local_id: '{localId}' was deleted; local ids are never reused" : $"id.local_id: '{localId}' already exists");
        }

        var version = await NextFreshVersionAsync(context, localId, scope.CancellationToken);
        RecordPreparer.Stamp(prepared, version, now, now);
        var row = new OwnRecordRow();
        RowMapping.CopyTo(prepared, row);
        context.OwnRecords.Add(row);
        await AppendAsync(scope, prepared, now);
        return prepared;
    }

    public async Task<Record> UpdateAsync(WriteScope scope, Record prepared, ulong expectedVersion, Timestamp now)
    {
        var row = await FindLiveAsync(scope, prepared.Id.LocalId, expectedVersion);
        var stored = RowMapping.ToRecord(row.Payload);
        RecordPreparer.Stamp(prepared, stored.Version + 1, stored.CreatedAt, now);
        RowMapping.CopyTo(prepared, row);
        await AppendAsync(scope, prepared, now);
        return prepared;
    }

    public async Task<ulong> DeleteAsync(WriteScope scope, string localId, ulong expectedVersion, Timestamp now)
    {
        var row = await FindLiveAsync(scope, localId, expectedVersion);
        var tombstone = RecordPreparer.Tombstone(RowMapping.ToRecord(row.Payload), (ulong)row.Version + 1, now);
        RowMapping.CopyTo(tombstone, row);
        await AppendAsync(scope, tombstone, now);
        return tombstone.Version;
    }

    /// <summary>Creates or replaces every record, or, when one cannot be written, rolls back and reports each such record.</summary>
    public async Task<ImportResult> ImportAsync(WriteScope scope, IReadOnlyList<(int Index, Record Prepared)> records, Timestamp now)
    {
        var context = scope.Context;
        var ids = records.Select(r => r.Prepared.Id.LocalId).ToList();
        var rows = new Dictionary<string, OwnRecordRow>(StringComparer.Ordinal);
        var replicaVersions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await context.OwnRecords.Where(r => chunk.Contains(r.LocalId)).ToListAsync(scope.CancellationToken))
            {
                rows[row.LocalId] = row;
            }

            var known = await context.Replica
                .Where(r => r.CenterId == centerId && chunk.Contains(r.LocalId))
                .Select(r => new { r.LocalId, r.Version })
                .ToListAsync(scope.CancellationToken);
            foreach (var entry in known)
            {
                replicaVersions[entry.LocalId] = entry.Version;
            }
        }

        var errors = new List<ImportRowError>();
        int created = 0, updated = 0, unchanged = 0;
        var changes = new List<Record>();
        foreach (var (index, prepared) in records)
        {
            var localId = prepared.Id.LocalId;
            if (!rows.TryGetValue(localId, out var row))
            {
                var version = (ulong)replicaVersions.GetValueOrDefault(localId) + 1;
                RecordPreparer.Stamp(prepared, version, now, now);
                row = new OwnRecordRow();
                RowMapping.CopyTo(prepared, row);
                context.OwnRecords.Add(row);
                rows[localId] = row;
                changes.Add(prepared);
                created++;
                continue;
            }

            if (row.Deleted)
            {
                errors.Add(new ImportRowError(index, centerId, localId, "id.local_id", $"'{localId}' was deleted; local ids are never reused"));
                continue;
            }

            var stored = RowMapping.ToRecord(row.Payload);
            RecordPreparer.Stamp(prepared, stored.Version, stored.CreatedAt, stored.UpdatedAt);
            if (prepared.Equals(stored))
            {
                unchanged++;
                continue;
            }

            RecordPreparer.Stamp(prepared, stored.Version + 1, stored.CreatedAt, now);
            RowMapping.CopyTo(prepared, row);
            changes.Add(prepared);
            updated++;
        }

        if (errors.Count > 0)
        {
            scope.Rollback();
            return new ImportResult(0, 0, 0, errors);
        }

        var state = await StateAsync(scope);
        foreach (var change in changes)
        {
            Append(scope, state, change, now);
        }

        return new ImportResult(created, updated, unchanged, []);
    }

    public static async Task<NodeStateRow> StateAsync(WriteScope scope) =>
        await scope.Context.State.SingleAsync(s => s.Id == NodeStateRow.SingletonId, scope.CancellationToken);

    private static async Task AppendAsync(WriteScope scope, Record change, Timestamp now) =>
        Append(scope, await StateAsync(scope), change, now);

    private static void Append(WriteScope scope, NodeStateRow state, Record change, Timestamp now)
    {
        // Gap-free: the counter lives in the state row and moves only inside this transaction.
        state.LastSeq++;
        scope.Context.Outbox.Add(RowMapping.ToOutboxRow(state.LastSeq, change, now.ToDateTimeOffset().ToUnixTimeMilliseconds()));
    }

    private static async Task<OwnRecordRow> FindLiveAsync(WriteScope scope, string localId, ulong expectedVersion)
    {
        var row = await scope.Context.OwnRecords.FindAsync([localId], scope.CancellationToken);
        if (row is null || row.Deleted)
        {
            throw new NodeStoreException(NodeStoreErrorCode.NotFound, "id.local_id", $"id.local_id: no live record '{localId}'");
        }

        if (expectedVersion != 0 && (ulong)row.Version != expectedVersion)
        {
            throw new NodeStoreException(
                NodeStoreErrorCode.VersionMismatch,
                "expected_version",
                $"expected_version: the record is at version {row.Version}, not {expectedVersion}");
        }

        return row;
    }

    // After a resync the hub may hold a tombstone of an id this node no longer knows; a new record
    // under that id must have a higher version (hub.proto, Publish step 5). The replica shows it.
    private async Task<ulong> NextFreshVersionAsync(NodeDbContext context, string localId, CancellationToken cancellationToken)
    {
        var known = await context.Replica
            .Where(r => r.CenterId == centerId && r.LocalId == localId)
            .Select(r => (long?)r.Version)
            .SingleOrDefaultAsync(cancellationToken);
        return (ulong)(known ?? 0) + 1;
    }
}
