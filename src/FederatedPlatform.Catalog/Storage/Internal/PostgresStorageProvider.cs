using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// A catalog in PostgreSQL, shared by any number of hub instances. Writers are not gated: the row
/// locks their statements take (center row, then the <c>hub_state</c> counter row, held to commit)
/// serialise what must be serialised, and only that. See <see cref="CatalogSequence"/>.
/// </summary>
internal sealed class PostgresStorageProvider : IStorageProvider
{
    // Any constant will do, as long as every instance uses the same: it serialises schema creation.
    private const long SchemaLockKey = 0x66656470_6c617431;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenSource;
    private readonly TimeSpan _reconnectDelay;
    private string? _channel;

    public PostgresStorageProvider(PostgresCatalogOptions options)
    {
        options.EnsureValid();
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}{(builder.SearchPath is { Length: > 0 } path ? $" (search path {path})" : string.Empty)}");
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

        // The listener holds one connection for hours doing nothing: keepalives notice a dead server or
        // a silent network drop, and the connection is its own, never returned to the pool.
        var listen = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 10 };
        _listenSource = NpgsqlDataSource.Create(listen.ConnectionString);
        _reconnectDelay = options.ListenReconnectDelay;
    }

    public string Description { get; }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public void ConfigureContext(DbContextOptionsBuilder<CatalogDbContext> builder, DbConnection connection) =>
        builder.UseNpgsql(connection);

    public ValueTask<IDisposable> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable>(NoGate.Instance);

    public async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SET TRANSACTION READ ONLY", (NpgsqlConnection)connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task EnsureSchemaAsync(WriteSession session, CancellationToken cancellationToken)
    {
        // Instances starting together queue here; the first creates the tables, the others find them.
        await using (var command = session.Command("SELECT pg_advisory_xact_lock(@key)"))
        {
            command.Parameter("@key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Looks in the search path only (EnsureCreated would skip creation when any schema of the
        // database has a table, e.g. another application's).
        await using (var command = session.Command("SELECT to_regclass('hub_state') IS NOT NULL"))
        {
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        await using var create = session.Command(session.Context.Database.GenerateCreateScript());
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Opened(HubIdentity identity) => _channel = ChannelOf(identity);

    public async Task AnnounceCommitAsync(WriteSession session, ulong head, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT pg_notify(@channel, @head)");
        command.Parameter("@channel", _channel ?? throw new InvalidOperationException("The catalog is not open."));
        command.Parameter("@head", head.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ListenForCommitsAsync(Action wake, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var channel = _channel ?? throw new InvalidOperationException("The catalog is not open.");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _listenSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => wake();
                await using (var command = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                CatalogLog.ListeningForCommits(logger, channel);

                // Commits made while nobody listened are found in the log by the woken reader.
                wake();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                CatalogLog.CommitListenerLost(logger, _reconnectDelay, e);
            }

            try
            {
                await Task.Delay(_reconnectDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _listenSource.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>One channel per catalog (its random epoch), so catalogs in other schemas of the database stay apart.</summary>
    private static string ChannelOf(HubIdentity identity) => "fedplat_commits_" + identity.Epoch;

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
