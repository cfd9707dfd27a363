using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Bench.Search;

/// <summary>
/// One SQLite file of the benchmark, opened with the same settings for our index and the baseline
/// (WAL, synchronous NORMAL, the given page cache and memory map), with a small table recording how it was built.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    /// <summary>
    /// Opens the file, keeping its contents only when <paramref name="keepCatalog"/> names the catalog it was
    /// built from (<see cref="Kept"/>); otherwise starts from an empty file.
    /// </summary>
    public static async Task<BenchDatabase> OpenAsync(string path, int cacheMb, int mmapMb, string? keepCatalog)
    {
        var db = await OpenFileAsync(path, cacheMb, mmapMb);
        if (keepCatalog is not null && await db.MetaAsync("catalog") == keepCatalog && await db.MetaAsync("build") is not null)
        {
            db.Kept = true;
            return db;
        }

        await db.DisposeAsync();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return await OpenFileAsync(path, cacheMb, mmapMb);
    }

    /// <summary>Whether the file already holds a finished build of the asked catalog.</summary>
    public bool Kept { get; private set; }

    private static async Task<BenchDatabase> OpenFileAsync(string path, int cacheMb, int mmapMb)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(
            connection,
            $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = {-cacheMb * 1024};
            PRAGMA mmap_size = {(long)mmapMb * 1024 * 1024};
            CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        return new BenchDatabase(path, connection);
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string?> MetaAsync(string key)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = "SELECT value FROM bench_meta WHERE key = @k";
        command.Parameters.AddWithValue("@k", key);
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task SetMetaAsync(string key, FormattableString value)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO bench_meta (key, value) VALUES (@k, @v)";
        command.Parameters.AddWithValue("@k", key);
        command.Parameters.AddWithValue("@v", value.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The database file and its WAL, after a checkpoint.</summary>
    public async Task<long> SizeBytesAsync()
    {
        await ExecuteAsync(Connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new FileInfo(Path).Length + (File.Exists(Path + "-wal") ? new FileInfo(Path + "-wal").Length : 0);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
