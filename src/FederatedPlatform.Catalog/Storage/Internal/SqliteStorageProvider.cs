using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>The embedded default: one SQLite file in WAL mode.</summary>
internal sealed class SqliteStorageProvider : IStorageProvider
{
    private readonly string _connectionString;
    private readonly string _tuning;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteStorageProvider(SqliteCatalogOptions options)
    {
        options.EnsureValid();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        Description = $"SQLite {options.Path}";

        // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss, and an
        // acknowledgement promises the change is durable. Per connection, so set on every open.
        _tuning = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=OFF;");
    }

    public string Description { get; }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _tuning;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void ConfigureContext(DbContextOptionsBuilder<CatalogDbContext> builder, DbConnection connection) =>
        builder.UseSqlite(connection);

    public async ValueTask<IDisposable> EnterWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Release(_writer);
    }

    public Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Deferred: takes no write lock; in WAL mode the first read fixes the snapshot for the whole
        // transaction while writers go on appending to the log.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: true);
        return Task.FromResult(transaction);
    }

    public async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Description}: could not switch to WAL mode (journal_mode is {mode}).");
        }
    }

    public Task EnsureSchemaAsync(WriteSession session, CancellationToken cancellationToken) =>
        session.Context.Database.EnsureCreatedAsync(cancellationToken);

    public void Opened(HubIdentity identity)
    {
        // One hub process per file: there is nobody to tell about commits.
    }

    public Task AnnounceCommitAsync(WriteSession session, ulong head, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ListenForCommitsAsync(Action wake, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        // Every writer of the file is in this process and offers its commits to the fan-out itself.
        var stopped = new TaskCompletionSource();
        await using var registration = cancellationToken.Register(stopped.SetResult);
        await stopped.Task;
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        // Pooled connections keep the file open; release this file's, not other stores' in the process.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private SemaphoreSlim? _semaphore = semaphore;

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
