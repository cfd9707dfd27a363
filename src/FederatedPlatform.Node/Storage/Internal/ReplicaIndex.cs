using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// The search index of the replica, in the node's database, updated in the replica's own write
/// transactions (with the rows and the Watch cursor). A large first snapshot is the exception: indexing
/// a million records as they arrive would make catching up several times slower, so a snapshot into an
/// empty replica stores rows only and the index is built afterwards, in chunks, while the replica
/// already serves reads and follows live changes (<c>replica_index_build</c> holds how far the build
/// got, by rowid). Rows at or below that position are indexed in the replica's transactions like any
/// other; rows above it are left to the build. Until the build completes, Search answers UNAVAILABLE.
/// A store that opens without the index (upgraded from a version without search, or the tables
/// dropped by hand) builds it the same way.
/// </summary>
internal static class ReplicaIndex
{
    /// <summary>Rows a build indexes per transaction: short enough not to hold live replica batches back for long.</summary>
    public const int ChunkSize = 1000;

    private const string CreateBuildTable =
        "CREATE TABLE IF NOT EXISTS replica_index_build (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_through INTEGER NOT NULL)";

    /// <summary>Creates the index (and the build position table); starts a build when the index was missing.</summary>
    public static async Task EnsureAsync(StoreDatabase database, ISearchIndex index, CancellationToken cancellationToken)
    {
        bool existed;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            existed = await index.SchemaExistsAsync(connection, cancellationToken);
            await index.EnsureSchemaAsync(connection, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = CreateBuildTable;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!existed)
        {
            await database.WriteAsync(
                async scope =>
                {
                    await index.ClearAsync(scope.Transaction, cancellationToken);
                    if (await HasRowsAsync(scope))
                    {
                        await StartBuildAsync(scope);
                    }

                    return true;
                },
                cancellationToken);
        }
    }

    /// <summary>The rowid up to which replica rows are indexed while a build runs; null when the index is complete.</summary>
    public static async Task<long?> BuildPositionAsync(WriteScope scope)
    {
        await using var command = scope.CreateCommand("SELECT indexed_through FROM replica_index_build");
        var value = await command.ExecuteScalarAsync(scope.CancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the replica holds any row, live or tombstone.</summary>
    public static async Task<bool> HasRowsAsync(WriteScope scope)
    {
        await using var command = scope.CreateCommand("SELECT EXISTS (SELECT 1 FROM replica_records)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(scope.CancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Starts a build from the first row: from now on only the build indexes rows.</summary>
    public static async Task StartBuildAsync(WriteScope scope)
    {
        await using var command = scope.CreateCommand(
            "INSERT INTO replica_index_build (id, indexed_through) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET indexed_through = 0");
        await command.ExecuteNonQueryAsync(scope.CancellationToken);
    }

    /// <summary>
    /// Indexes up to <paramref name="max"/> replica rows past the build position, in the caller's
    /// transaction, and moves the position; when no row is left the build is complete. Returns the
    /// live rows indexed and the new position (null: the build completed).
    /// </summary>
    public static async Task<(long Indexed, long? Position)> BuildChunkAsync(WriteScope scope, ISearchIndexWriter writer, long position, int max)
    {
        long indexed = 0, rows = 0, last = position;
        await using (var command = scope.CreateCommand(
            "SELECT rowid, payload FROM replica_records WHERE rowid > $position ORDER BY rowid LIMIT $max"))
        {
            command.Parameters.AddWithValue("$position", position);
            command.Parameters.AddWithValue("$max", max);
            await using var reader = await command.ExecuteReaderAsync(scope.CancellationToken);
            while (await reader.ReadAsync(scope.CancellationToken))
            {
                rows++;
                last = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    // A tombstone row has no payload, and nothing to index.
                    await writer.UpsertAsync(Record.Parser.ParseFrom((byte[])reader.GetValue(1)), scope.CancellationToken);
                    indexed++;
                }
            }
        }

        var completed = rows < max;
        await using var update = scope.CreateCommand(completed
            ? "DELETE FROM replica_index_build"
            : "UPDATE replica_index_build SET indexed_through = $last");
        update.Parameters.AddWithValue("$last", last);
        await update.ExecuteNonQueryAsync(scope.CancellationToken);
        return (indexed, completed ? null : last);
    }

    /// <summary>Live replica rows past the build position (what the build still has to index).</summary>
    public static async Task<long> RemainingAsync(WriteScope scope, long position)
    {
        await using var command = scope.CreateCommand("SELECT count(*) FROM replica_records WHERE rowid > $position AND deleted = 0");
        command.Parameters.AddWithValue("$position", position);
        return Convert.ToInt64(await command.ExecuteScalarAsync(scope.CancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>While a build runs: the live rows indexed so far and all live rows, as the given snapshot sees them.</summary>
    public static async Task<(long Indexed, long Total)?> BuildProgressAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT (SELECT count(*) FROM replica_records WHERE rowid <= b.indexed_through AND deleted = 0),
                   (SELECT count(*) FROM replica_records WHERE deleted = 0)
            FROM replica_index_build AS b
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Removes from the index the replica rows a snapshot did not confirm, before they are swept.</summary>
    public static async Task RemoveUnconfirmedAsync(WriteScope scope, ISearchIndexWriter writer, long generation)
    {
        var ids = new List<RecordId>();
        await using (var command = scope.CreateCommand("SELECT center_id, local_id FROM replica_records WHERE generation <> $generation AND deleted = 0"))
        {
            command.Parameters.AddWithValue("$generation", generation);
            await using var reader = await command.ExecuteReaderAsync(scope.CancellationToken);
            while (await reader.ReadAsync(scope.CancellationToken))
            {
                ids.Add(new RecordId { CenterId = reader.GetString(0), LocalId = reader.GetString(1) });
            }
        }

        foreach (var id in ids)
        {
            await writer.DeleteAsync(id, scope.CancellationToken);
        }
    }
}
