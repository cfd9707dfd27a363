using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>One write transaction: the context, its transaction, and whether the work chose to roll back.</summary>
internal sealed class WriteScope(NodeDbContext context, SqliteTransaction transaction, CancellationToken cancellationToken)
{
    public NodeDbContext Context { get; } = context;

    public SqliteTransaction Transaction { get; } = transaction;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public bool RolledBack { get; private set; }

    /// <summary>Discards everything done in this transaction instead of committing it.</summary>
    public void Rollback() => RolledBack = true;

    /// <summary>A raw command enlisted in this transaction, for hot paths where EF Core's change tracking costs too much.</summary>
    public SqliteCommand CreateCommand(string sql)
    {
        var command = Transaction.Connection!.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }
}
