using System.Data.Common;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>The read queries of the change feed and the record pages, shared by feed, snapshot and listing.</summary>
internal static class FeedQueries
{
    public static async Task<FeedPosition> PositionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT catalog_seq, horizon_seq FROM hub_state WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FeedPosition((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1))
            : throw new InvalidOperationException("hub_state row missing: the catalog schema was not initialised");
    }

    /// <summary>Changes in (after, upTo] that concern the filter: its new version matches, or the live version it replaced did.</summary>
    public static async Task<List<CatalogChange>> ChangesAsync(
        ReadSession session, ulong after, ulong upTo, CatalogFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var command = session.Command(string.Empty);
        var sql = new FilterSql(command, filter);
        command.Parameter("@after", (long)after);
        command.Parameter("@upto", (long)upTo);
        command.Parameter("@limit", (long)limit);
        command.CommandText =
            $"""
            SELECT seq, commit_end, deleted, kind, sector, country, prev_kind, prev_sector, prev_country, applied_at, payload
            FROM changes
            WHERE seq > @after AND seq <= @upto AND {sql.Center("center_id")}
              AND ((NOT deleted AND {sql.Fields("kind", "sector", "country")})
                   OR (prev_kind IS NOT NULL AND {sql.Fields("prev_kind", "prev_sector", "prev_country")}))
            ORDER BY seq
            LIMIT @limit
            """;
        var changes = new List<CatalogChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            FilterFields? current = reader.GetBoolean(2)
                ? null
                : new FilterFields((RecordKind)reader.GetInt32(3), (Sector)reader.GetInt32(4), reader.GetString(5));
            FilterFields? previous = reader.IsDBNull(6)
                ? null
                : new FilterFields((RecordKind)reader.GetInt32(6), (Sector)reader.GetInt32(7), reader.GetString(8));
            var record = Record.Parser.ParseFrom((byte[])reader.GetValue(10));
            var change = new CatalogChange(
                (ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1), record, current, previous,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
            if (change.Classify(filter) != FeedEventKind.None)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>Live records matching the filter after the key, in (center_id, local_id) order.</summary>
    public static async Task<List<Record>> RecordsAsync(
        DbConnection connection, DbTransaction transaction, CatalogFilter filter, RecordKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new FilterSql(command, filter);
        command.Parameter("@after_center", after?.CenterId ?? string.Empty);
        command.Parameter("@after_local", after?.LocalId ?? string.Empty);
        command.Parameter("@limit", (long)limit);
        command.CommandText =
            $"""
            SELECT c.payload FROM records r JOIN changes c ON c.seq = r.seq
            WHERE NOT r.deleted AND (r.center_id, r.local_id) > (@after_center, @after_local)
              AND {sql.Center("r.center_id")} AND {sql.Fields("r.kind", "r.sector", "r.country")}
            ORDER BY r.center_id, r.local_id
            LIMIT @limit
            """;
        var records = new List<Record>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Record.Parser.ParseFrom((byte[])reader.GetValue(0)));
        }

        return records;
    }
}
