using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// Connections to the node's SQLite file: WAL, synchronous=FULL on every connection, one writer at a
/// time in this process (SQLite allows one anyway; queuing here avoids busy-waiting in SQLite).
/// </summary>
internal sealed class StoreDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _tuning;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public StoreDatabase(string path, TimeSpan busyTimeout)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();

        // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss, and a write
        // acknowledged to the caller (and its outbox row) must survive it. A 32 MiB page cache instead of
        // SQLite's 2 MiB: a catch-up of a large catalog otherwise reads its own B-tree pages back from the
        // OS on every batch. Per connection.
        _tuning = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA cache_size=-32768;");
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
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

    public static NodeDbContext CreateContext(SqliteConnection connection) =>
        new(new DbContextOptionsBuilder<NodeDbContext>().UseSqlite(connection).Options);

    /// <summary>
    /// Runs <paramref name="work"/> in one IMMEDIATE transaction and commits it, unless the work
    /// called <see cref="WriteScope.Rollback"/>. Nothing is visible to anyone before the commit.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var context = CreateContext(connection);
            await context.Database.UseTransactionAsync(transaction, cancellationToken);
            var scope = new WriteScope(context, transaction, cancellationToken);
            var result = await work(scope);
            if (scope.RolledBack)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return result;
            }

            await context.SaveChangesAsync(cancellationToken);

            // Not cancellable: once the commit starts, its outcome must be the one reported.
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction: every query sees the same snapshot.</summary>
    public async Task<T> ReadAsync<T>(Func<NodeDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var context = CreateContext(connection);
        await context.Database.UseTransactionAsync(transaction, cancellationToken);
        return await work(context, cancellationToken);
    }

    public void Dispose()
    {
        _writer.Dispose();

        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
