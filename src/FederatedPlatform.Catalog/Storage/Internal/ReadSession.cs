using System.Data.Common;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>A connection with a read-only snapshot transaction: every read in it sees one committed state.</summary>
internal sealed class ReadSession : IAsyncDisposable
{
    private ReadSession(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public static async Task<ReadSession> BeginAsync(IStorageProvider provider, CancellationToken cancellationToken)
    {
        var connection = await provider.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await provider.BeginSnapshotAsync(connection, cancellationToken);
            return new ReadSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Nothing was written; ending the transaction releases the snapshot.
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
