using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Creates the schema at start (WAL mode), checks whose file it is, and raises the producer epoch.</summary>
internal static class StoreSchema
{
    /// <summary>The schema this build writes and understands.</summary>
    public const int CurrentVersion = 1;

    public static async Task<(ulong Epoch, long LastSeq)> OpenAsync(StoreDatabase database, string centerId, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(database.Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{database.Path}: could not switch to WAL mode (journal_mode is {mode}).");
            }

            await using var context = StoreDatabase.CreateContext(connection);
            await context.Database.EnsureCreatedAsync(cancellationToken);
        }

        return await database.WriteAsync(
            async scope =>
            {
                var state = await scope.Context.State.SingleOrDefaultAsync(s => s.Id == NodeStateRow.SingletonId, scope.CancellationToken);
                if (state is null)
                {
                    state = new NodeStateRow { CenterId = centerId, SchemaVersion = CurrentVersion };
                    scope.Context.State.Add(state);
                }
                else if (state.SchemaVersion > CurrentVersion)
                {
                    throw new InvalidOperationException(
                        $"{database.Path} has node schema version {state.SchemaVersion}; this node understands up to {CurrentVersion}. Upgrade the node.");
                }
                else if (!string.Equals(state.CenterId, centerId, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{database.Path} holds the records of center '{state.CenterId}', not '{centerId}'.");
                }

                // Durable before anything is published: a restarted node must say hello with a higher epoch.
                state.ProducerEpoch++;
                return ((ulong)state.ProducerEpoch, state.LastSeq);
            },
            cancellationToken);
    }
}
