using System.Data.Common;
using FederatedPlatform.Catalog.Indexing;

namespace FederatedPlatform.Catalog.Tests.Support;

/// <summary>An indexer that keeps (id, version) rows in its own table through the catalog's transaction.</summary>
internal sealed class RecordingIndexer : ICatalogIndexer
{
    public string Name => "test";

    /// <summary>Throws from <see cref="IndexAsync"/> when set, after writing, to prove the rollback.</summary>
    public bool Fail { get; set; }

    public int Clears { get; private set; }

    public List<string> Indexed { get; } = [];

    public async Task<bool> EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'test_index'";
        var existed = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS test_index (id TEXT PRIMARY KEY, version INTEGER NOT NULL)";
        await create.ExecuteNonQueryAsync(cancellationToken);
        return !existed;
    }

    public async Task IndexAsync(DbTransaction transaction, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var id = $"{record.Id.CenterId}/{record.Id.LocalId}";
            Indexed.Add(record.Deleted ? $"-{id}" : id);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = record.Deleted
                ? "DELETE FROM test_index WHERE id = $id"
                : "INSERT INTO test_index (id, version) VALUES ($id, $version) ON CONFLICT (id) DO UPDATE SET version = excluded.version";
            Add(command, "$id", id);
            Add(command, "$version", (long)record.Version);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (Fail)
        {
            throw new InvalidOperationException("indexer failed");
        }
    }

    public async Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        Clears++;
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM test_index";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The indexed (id, version) rows, read from the database.</summary>
    public static Task<List<(string Id, long Version)>> RowsAsync(TestCatalog catalog) =>
        catalog.Store.ReadAsync(
            async (connection, transaction, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT id, version FROM test_index ORDER BY id";
                var rows = new List<(string, long)>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetInt64(1)));
                }

                return rows;
            },
            CancellationToken.None);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
