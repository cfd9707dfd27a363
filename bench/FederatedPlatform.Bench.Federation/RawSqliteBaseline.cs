using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// The storage limit: the same two writes per change the hub makes (a change-log row and an upsert of the
/// record's current row) straight into SQLite through prepared statements, in durable batched transactions.
/// </summary>
public static class RawSqliteBaseline
{
    public static async Task<double> RunAsync(string path, int centers, int changesPerCenter, int batch)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        await Execute(connection,
            """
            CREATE TABLE changes (seq INTEGER PRIMARY KEY, commit_end INTEGER, center_id TEXT, local_id TEXT, version INTEGER,
                                  deleted INTEGER, kind INTEGER, sector INTEGER, country TEXT, applied_at INTEGER, payload BLOB);
            CREATE TABLE records (center_id TEXT, local_id TEXT, version INTEGER, deleted INTEGER, kind INTEGER, sector INTEGER,
                                  country TEXT, seq INTEGER, PRIMARY KEY (center_id, local_id));
            """);
        // Serialized up front: the baseline is the storage engine alone.
        var payloads = Enumerable.Range(0, centers)
            .Select(c => Enumerable.Range(0, Math.Min(changesPerCenter, 1000)).Select(i => SyntheticRecords.Create("c" + c, i, 1)).ToArray())
            .ToArray();
        var bytes = payloads.Select(p => p.Select(r => r.ToByteArray()).ToArray()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        long seq = 0;
        for (var offset = 0; offset < changesPerCenter; offset += batch)
        {
            for (var c = 0; c < centers; c++)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                await using var change = Command(connection, tx, "INSERT INTO changes VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10)", 11);
                await using var record = Command(connection, tx,
                    "INSERT INTO records VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7) ON CONFLICT (center_id, local_id) DO UPDATE SET version=excluded.version, seq=excluded.seq", 8);
                for (var i = offset; i < Math.Min(offset + batch, changesPerCenter); i++)
                {
                    var r = payloads[c][i % payloads[c].Length];
                    var payload = bytes[c][i % payloads[c].Length];
                    seq++;
                    Set(change, seq, seq, r.Id.CenterId, "r-" + i, 1L, false, (int)r.Kind, (int)r.Sector, r.Country, 0L, payload);
                    await change.ExecuteNonQueryAsync();
                    Set(record, r.Id.CenterId, "r-" + i, 1L, false, (int)r.Kind, (int)r.Sector, r.Country, seq);
                    await record.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
        }
        return seq / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i, null));
        }
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
