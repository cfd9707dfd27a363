using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using FederatedPlatform.Search;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// Applies Watch events to the replica. Live events apply only when their version is higher than the
/// one held (so replays are harmless); a snapshot is authoritative and overwrites. A snapshot
/// confirms every row it sends with the current generation, and at snapshot_complete the rows it did
/// not confirm are swept: the replica keeps serving reads during a re-snapshot instead of emptying.
/// The cursor is stored in the same transaction as the rows it reflects, and so is the search index:
/// every row that changes is (re)indexed or removed before the commit, except rows a running index
/// build has not reached yet (see <see cref="ReplicaIndex"/>): a large snapshot into an empty replica
/// is indexed after it completes.
/// </summary>
internal static class ReplicaWrites
{
    // Raw upserts: a catch-up replays up to millions of events, and EF Core's change tracking would
    // cost a query per row. The version rule lives in the SQL, so a replayed event is a no-op.
    private const string UpsertSql = """
        INSERT INTO replica_records (center_id, local_id, version, deleted, kind, sector, country, payload, generation)
        VALUES ($center, $local, $version, 0, $kind, $sector, $country, $payload, $generation)
        ON CONFLICT (center_id, local_id) DO UPDATE SET
            version = excluded.version, deleted = 0, kind = excluded.kind, sector = excluded.sector,
            country = excluded.country, payload = excluded.payload, generation = excluded.generation
        WHERE $snapshot OR excluded.version > replica_records.version
        RETURNING rowid
        """;

    private const string DeleteSql = """
        INSERT INTO replica_records (center_id, local_id, version, deleted, kind, sector, country, payload, generation)
        VALUES ($center, $local, $version, 1, 0, 0, '', NULL, $generation)
        ON CONFLICT (center_id, local_id) DO UPDATE SET
            version = excluded.version, deleted = 1, payload = NULL, generation = excluded.generation
        WHERE excluded.version >= replica_records.version
        RETURNING rowid
        """;

    /// <summary>
    /// Applies the batch; returns the cursor stored with it (empty while a snapshot is incomplete).
    /// A snapshot into an empty replica leaves indexing to a build, which completes in this transaction
    /// at snapshot_complete when at most <paramref name="inlineIndexRecords"/> records are left to index.
    /// </summary>
    public static async Task<string> ApplyAsync(WriteScope scope, ReplicaBatch batch, ISearchIndex search, int inlineIndexRecords)
    {
        var state = await OwnRecordWrites.StateAsync(scope);
        if (batch.BeginsSnapshot)
        {
            StartSnapshot(state);
            if (!await ReplicaIndex.HasRowsAsync(scope))
            {
                await ReplicaIndex.StartBuildAsync(scope);
            }
        }

        // Rows above this rowid are not indexed yet: the build will index them (null: no build runs).
        var built = await ReplicaIndex.BuildPositionAsync(scope);
        await using var upsert = CreateUpsert(scope);
        await using var delete = CreateDelete(scope);
        await using var index = await search.OpenWriterAsync(scope.Transaction, scope.CancellationToken);
        foreach (var change in batch.Events)
        {
            switch (change.KindCase)
            {
                case WatchEvent.KindOneofCase.Upsert:
                    if (await UpsertAsync(upsert, change.Upsert.Record, snapshot: change.Cursor.Length == 0, state.ReplicaGeneration, scope.CancellationToken) is { } row
                        && (built is null || row <= built))
                    {
                        await index.UpsertAsync(change.Upsert.Record, scope.CancellationToken);
                    }

                    break;
                case WatchEvent.KindOneofCase.Delete:
                    if (await DeleteAsync(delete, change.Delete, state.ReplicaGeneration, scope.CancellationToken) is { } deleted
                        && (built is null || deleted <= built))
                    {
                        await index.DeleteAsync(change.Delete.Id, scope.CancellationToken);
                    }

                    break;
                case WatchEvent.KindOneofCase.Reset:
                    StartSnapshot(state);
                    continue;
                case WatchEvent.KindOneofCase.SnapshotComplete:
                    var generation = state.ReplicaGeneration;
                    await ReplicaIndex.RemoveUnconfirmedAsync(scope, index, generation);
                    await scope.Context.Replica.Where(r => r.Generation != generation).ExecuteDeleteAsync(scope.CancellationToken);
                    if (built is { } position && await ReplicaIndex.RemainingAsync(scope, position) <= inlineIndexRecords)
                    {
                        while (built is not null)
                        {
                            (_, built) = await ReplicaIndex.BuildChunkAsync(scope, index, built.Value, ReplicaIndex.ChunkSize);
                        }
                    }

                    break;
                default:
                    break;
            }

            if (change.Cursor.Length > 0)
            {
                state.ReplicaCursor = change.Cursor;
            }
        }

        return state.ReplicaCursor;
    }

    private static void StartSnapshot(NodeStateRow state)
    {
        // The old cursor no longer describes what the rows will be; until snapshot_complete there is none.
        state.ReplicaGeneration++;
        state.ReplicaCursor = string.Empty;
    }

    /// <summary>The row's rowid; null when the row was left as it was (a replay of a version already held).</summary>
    private static async Task<long?> UpsertAsync(SqliteCommand command, Record record, bool snapshot, long generation, CancellationToken cancellationToken)
    {
        if (record?.Id is null)
        {
            return null;
        }

        command.Parameters[0].Value = record.Id.CenterId;
        command.Parameters[1].Value = record.Id.LocalId;
        command.Parameters[2].Value = (long)Math.Min(record.Version, long.MaxValue);
        command.Parameters[3].Value = (int)record.Kind;
        command.Parameters[4].Value = (int)record.Sector;
        command.Parameters[5].Value = record.Country;
        command.Parameters[6].Value = record.ToByteArray();
        command.Parameters[7].Value = generation;
        command.Parameters[8].Value = snapshot;
        return RowId(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>The tombstone's rowid; null when the row was left as it was.</summary>
    private static async Task<long?> DeleteAsync(SqliteCommand command, RecordDelete delete, long generation, CancellationToken cancellationToken)
    {
        if (delete.Id is null)
        {
            return null;
        }

        command.Parameters[0].Value = delete.Id.CenterId;
        command.Parameters[1].Value = delete.Id.LocalId;
        command.Parameters[2].Value = (long)Math.Min(delete.Version, long.MaxValue);
        command.Parameters[3].Value = generation;
        return RowId(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static long? RowId(object? value) => value is null or DBNull ? null : (long)value;

    // Parameters are set by position (the order below): looking one up by name scans the collection.
    private static SqliteCommand CreateUpsert(WriteScope scope)
    {
        var command = scope.CreateCommand(UpsertSql);
        foreach (var name in (string[])["$center", "$local", "$version", "$kind", "$sector", "$country", "$payload", "$generation", "$snapshot"])
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    private static SqliteCommand CreateDelete(WriteScope scope)
    {
        var command = scope.CreateCommand(DeleteSql);
        foreach (var name in (string[])["$center", "$local", "$version", "$generation"])
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
