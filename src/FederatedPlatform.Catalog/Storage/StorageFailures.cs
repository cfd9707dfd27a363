using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FederatedPlatform.Catalog.Storage;

/// <summary>
/// What a database error means to a caller: worth retrying shortly (the database is busy, locked or
/// unreachable), or a fault a retry will not fix. A failed call's transaction is rolled back either way.
/// </summary>
public static class StorageFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when the same call may succeed if retried after a short wait.</summary>
    public static bool IsTransient(DbException exception) => exception switch
    {
        // Another connection holds the write lock longer than the busy timeout (extended codes carry the
        // primary code in their low byte).
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked,
        // Connection refused or broken, server shutting down, serialization failure, deadlock: Npgsql's own verdict.
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception.IsTransient,
    };
}
