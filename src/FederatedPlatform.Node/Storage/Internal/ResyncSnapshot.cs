using System.Runtime.CompilerServices;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// The center's live records and the outbox position they reflect, read in one snapshot (a deferred
/// WAL transaction: writers go on committing while it is streamed to the hub).
/// </summary>
internal sealed class ResyncSnapshot : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly NodeDbContext _context;

    private ResyncSnapshot(SqliteConnection connection, SqliteTransaction transaction, NodeDbContext context, ulong seq)
    {
        _connection = connection;
        _transaction = transaction;
        _context = context;
        Seq = seq;
    }

    /// <summary>Every outbox change with a seq up to this one is contained in the snapshot.</summary>
    public ulong Seq { get; }

    public static async Task<ResyncSnapshot> OpenAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        var transaction = connection.BeginTransaction(deferred: true);
        var context = StoreDatabase.CreateContext(connection);
        try
        {
            await context.Database.UseTransactionAsync(transaction, cancellationToken);

            // The first read fixes the snapshot; the records below are read in that same snapshot.
            var lastSeq = await context.State.AsNoTracking()
                .Where(s => s.Id == NodeStateRow.SingletonId)
                .Select(s => s.LastSeq)
                .SingleAsync(cancellationToken);
            return new ResyncSnapshot(connection, transaction, context, (ulong)lastSeq);
        }
        catch
        {
            await context.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The live records in local-id byte order, as the resync digest needs them.</summary>
    public async IAsyncEnumerable<Record> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var payloads = _context.OwnRecords.AsNoTracking()
            .Where(r => !r.Deleted)
            .OrderBy(r => r.LocalId)
            .Select(r => r.Payload)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var payload in payloads)
        {
            yield return RowMapping.ToRecord(payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
