using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// One write transaction: the writer gate, a connection, an EF Core context on it and the context's
/// transaction. Hot paths run prepared commands on the same connection and transaction, so EF's
/// change tracker never sits between a batch of changes and the database.
/// </summary>
internal sealed class WriteSession : IAsyncDisposable
{
    private readonly IDisposable _gate;
    private readonly IDbContextTransaction _efTransaction;
    private bool _committed;

    private WriteSession(
        IStorageProvider provider, IDisposable gate, DbConnection connection, CatalogDbContext context, IDbContextTransaction transaction)
    {
        Provider = provider;
        _gate = gate;
        Connection = connection;
        Context = context;
        _efTransaction = transaction;
        Transaction = transaction.GetDbTransaction();
    }

    public IStorageProvider Provider { get; }

    public DbConnection Connection { get; }

    public CatalogDbContext Context { get; }

    public DbTransaction Transaction { get; }

    public static async Task<WriteSession> BeginAsync(IStorageProvider provider, CancellationToken cancellationToken)
    {
        var gate = await provider.EnterWriterAsync(cancellationToken);
        DbConnection? connection = null;
        CatalogDbContext? context = null;
        try
        {
            connection = await provider.OpenConnectionAsync(cancellationToken);
            var options = new DbContextOptionsBuilder<CatalogDbContext>();
            provider.ConfigureContext(options, connection);
            context = new CatalogDbContext(options.Options);
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            return new WriteSession(provider, gate, connection, context, transaction);
        }
        catch
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            gate.Dispose();
            throw;
        }
    }

    /// <summary>A command enlisted in the transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _efTransaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                await _efTransaction.RollbackAsync(CancellationToken.None);
            }
        }
        finally
        {
            await _efTransaction.DisposeAsync();
            await Context.DisposeAsync();
            await Connection.DisposeAsync();
            _gate.Dispose();
        }
    }
}
