using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Bench.Federation;

/// <summary>Counts what a run left in its database, so a figure is only printed for work really done.</summary>
public static class RowCounts
{
    public static async Task<(long Changes, long Records)> ReadAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        return (await Scalar(connection, "SELECT count(*) FROM changes"), await Scalar(connection, "SELECT count(*) FROM records"));
    }

    /// <summary>Records in the search index of a hub database.</summary>
    public static async Task<long> ReadSearchDocumentsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        return await Scalar(connection, "SELECT count(*) FROM search_docs");
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
