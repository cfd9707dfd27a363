using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// The search index of the replica, in the node's database: updated in the replica's own write
/// transactions (with the rows and the Watch cursor), and built from the replica rows when a store
/// opens without it (a node upgraded from a version without search, or an index dropped by hand).
/// </summary>
internal static class ReplicaIndex
{
    public static async Task<long> EnsureAsync(StoreDatabase database, ISearchIndex index, CancellationToken cancellationToken)
    {
        bool existed;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            existed = await index.SchemaExistsAsync(connection, cancellationToken);
            await index.EnsureSchemaAsync(connection, cancellationToken);
        }

        if (existed)
        {
            return -1;
        }

        return await database.WriteAsync(
            async scope =>
            {
                await index.ClearAsync(scope.Transaction, cancellationToken);
                await using var writer = await index.OpenWriterAsync(scope.Transaction, cancellationToken);
                await using var command = scope.CreateCommand("SELECT payload FROM replica_records WHERE deleted = 0 AND payload IS NOT NULL");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                long indexed = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    await writer.UpsertAsync(Record.Parser.ParseFrom((byte[])reader.GetValue(0)), cancellationToken);
                    indexed++;
                }

                return indexed;
            },
            cancellationToken);
    }

    /// <summary>Removes from the index the replica rows a snapshot did not confirm, before they are swept.</summary>
    public static async Task RemoveUnconfirmedAsync(WriteScope scope, ISearchIndexWriter writer, long generation)
    {
        var ids = new List<RecordId>();
        await using (var command = scope.CreateCommand("SELECT center_id, local_id FROM replica_records WHERE generation <> $generation AND deleted = 0"))
        {
            command.Parameters.AddWithValue("$generation", generation);
            await using var reader = await command.ExecuteReaderAsync(scope.CancellationToken);
            while (await reader.ReadAsync(scope.CancellationToken))
            {
                ids.Add(new RecordId { CenterId = reader.GetString(0), LocalId = reader.GetString(1) });
            }
        }

        foreach (var id in ids)
        {
            await writer.DeleteAsync(id, scope.CancellationToken);
        }
    }
}
