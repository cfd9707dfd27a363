using System.Globalization;
using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Catalog.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FederatedPlatform.Testing;

/// <summary>
/// A storage engine the store-parametrised suites run against: each test class has a SQLite and a
/// PostgreSQL subclass (<c>SqliteXTests : XTests</c>, <c>PostgresXTests : XTests</c>), one suite, not a copy.
/// </summary>
public interface ITestStore
{
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    string Name { get; }

    /// <summary>A new, empty place for one catalog (a temporary file, or a fresh schema).</summary>
    Task<TestStoreLocation> CreateLocationAsync();
}

/// <summary>Where one test's catalog lives: a SQLite file or a PostgreSQL schema. Open it as often as needed.</summary>
public sealed class TestStoreLocation
{
    private readonly Func<ValueTask>? _delete;

    internal TestStoreLocation(string directory, string? postgresConnectionString, Func<ValueTask>? delete)
    {
        Directory = directory;
        SqlitePath = postgresConnectionString is null ? Path.Combine(directory, "hub.db") : null;
        PostgresConnectionString = postgresConnectionString;
        _delete = delete;
    }

    /// <summary>A temporary directory of this location's own (the SQLite file, operator token files), removed with it.</summary>
    public string Directory { get; }

    /// <summary>The SQLite file, or null.</summary>
    public string? SqlitePath { get; }

    /// <summary>The PostgreSQL connection string (its search path is this location's schema), or null.</summary>
    public string? PostgresConnectionString { get; }

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>Opens (creating on first use) the catalog here.</summary>
    public Task<CatalogStore> OpenAsync(CatalogLimits? limits, TimeProvider time, ILoggerFactory? loggers = null, ICatalogIndexer? indexer = null) =>
        PostgresConnectionString is { } connectionString
            ? CatalogStore.OpenPostgresAsync(
                new PostgresCatalogOptions { ConnectionString = connectionString }, limits ?? new CatalogLimits(), time, loggers, indexer)
            : CatalogStore.OpenSqliteAsync(new SqliteCatalogOptions { Path = SqlitePath! }, limits ?? new CatalogLimits(), time, loggers, indexer);

    /// <summary>Runs SQL directly against the catalog's tables (to simulate what a build cannot do, e.g. a newer schema).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        if (PostgresConnectionString is { } connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Pooling = false }.ToString());
        await sqlite.OpenAsync();
        await using var sqliteCommand = sqlite.CreateCommand();
        sqliteCommand.CommandText = sql;
        await sqliteCommand.ExecuteNonQueryAsync();
    }

    /// <summary>Removes the directory (the schema goes with its class's database).</summary>
    public async ValueTask DeleteAsync()
    {
        if (_delete is not null)
        {
            await _delete();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed already.
        }
        catch (IOException)
        {
            // A file still open by a process under test; the temp directory is cleaned eventually.
        }
    }

    internal static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fedplat-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}

/// <summary>Temporary SQLite files, deleted with their directory (WAL and shared-memory files included).</summary>
public sealed class SqliteTestStore : ITestStore
{
    public static readonly SqliteTestStore Instance = new();

    public string Name => "SQLite";

    public Task<TestStoreLocation> CreateLocationAsync() => Task.FromResult(new TestStoreLocation(TestStoreLocation.NewDirectory(), null, null));
}

/// <summary>
/// A PostgreSQL database of its own for one test class (an xunit class fixture), dropped afterwards;
/// each test gets a fresh schema in it. The server comes from <c>FEDPLAT_TEST_POSTGRES</c>, default
/// <see cref="DefaultConnectionString"/> — what <c>bash .ci/setup</c> creates.
/// </summary>
public sealed class PostgresDatabase : ITestStore, IAsyncLifetime
{
    public const string Variable = "FEDPLAT_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Username=fedplat;Password=fedplat;Database=fedplat";

    private readonly NpgsqlConnectionStringBuilder _server;
    private int _schemas;

    public PostgresDatabase()
    {
        _server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : DefaultConnectionString)
        {
            Pooling = false,
            Timeout = 10,
        };
        DatabaseName = "fedplat_test_" + Guid.NewGuid().ToString("N");
    }

    public string Name => "PostgreSQL";

    public string DatabaseName { get; }

    /// <summary>The database of this class, for tools that need one (no search path).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = DatabaseName, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    public async Task InitializeAsync() => await ExecuteOnServerAsync($"CREATE DATABASE \"{DatabaseName}\"");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // A hub's LISTEN connection reconnects after FORCE terminates it; if it gets in before the drop, the
        // drop fails (object_in_use, 55006). The reconnect is bounded by the hub's shutdown, so a few
        // attempts are enough; a sixth failure fails the class.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 6)
            {
                NpgsqlConnection.ClearAllPools();
            }
        }
    }

    public async Task<TestStoreLocation> CreateLocationAsync()
    {
        var number = Interlocked.Increment(ref _schemas);
        var schema = string.Create(CultureInfo.InvariantCulture, $"t{number}_{Guid.NewGuid():N}")[..24];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
        return new TestStoreLocation(TestStoreLocation.NewDirectory(), connectionString, null);
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable at {_server.Host}:{_server.Port} as {_server.Username} ({e.Message.Split('\n')[0]}): run `bash .ci/setup`, or point {Variable} at a server.", e);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
