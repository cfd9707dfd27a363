using System.Security.Cryptography;
using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Creates the schema and the hub state row at start, and refuses a schema newer than this build.</summary>
internal static class SchemaInitializer
{
    /// <summary>The schema this build writes and understands.</summary>
    public const int CurrentSchemaVersion = 1;

    public static async Task<(HubIdentity Identity, byte[] CursorKey)> InitializeAsync(
        IStorageProvider provider, TimeProvider time, CancellationToken cancellationToken)
    {
        await using (var connection = await provider.OpenConnectionAsync(cancellationToken))
        {
            await provider.PrepareDatabaseAsync(connection, cancellationToken);
        }

        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        await provider.EnsureSchemaAsync(session, cancellationToken);
        var state = await session.Context.HubState.SingleOrDefaultAsync(h => h.Id == HubStateRow.SingletonId, cancellationToken);
        if (state is null)
        {
            state = new HubStateRow
            {
                HubEpoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                CursorKey = RandomNumberGenerator.GetBytes(32),
                SchemaVersion = CurrentSchemaVersion,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            session.Context.HubState.Add(state);
            await session.Context.SaveChangesAsync(cancellationToken);
        }
        else if (state.SchemaVersion > CurrentSchemaVersion)
        {
            throw new CatalogException(
                CatalogErrorCode.SchemaTooNew,
                $"{provider.Description} has catalog schema version {state.SchemaVersion}; this hub understands up to {CurrentSchemaVersion}. Upgrade the hub.");
        }

        await session.CommitAsync(cancellationToken);
        return (new HubIdentity(state.HubEpoch, state.SchemaVersion, DateTimeOffset.FromUnixTimeMilliseconds(state.CreatedAt)), state.CursorKey);
    }
}
