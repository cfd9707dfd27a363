using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// Runs the optional <see cref="ICatalogIndexer"/> inside the write transactions and keeps its position
/// (<c>catalog_indexers</c>: the last catalog seq it has seen) in the same transaction; at open, catches
/// it up from that position, or rebuilds it.
/// </summary>
internal sealed class CatalogIndexing(ICatalogIndexer? indexer)
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS catalog_indexers (name TEXT NOT NULL PRIMARY KEY, position BIGINT NOT NULL)";

    private const int CatchUpBatch = 1000;

    /// <summary>Lets the indexer prepare the live versions a publish is about to store, before the writer gate.</summary>
    public void Prepare(IReadOnlyList<ChangeApplier.Prepared> items)
    {
        if (indexer is null)
        {
            return;
        }

        var live = new List<Record>(items.Count);
        foreach (var item in items)
        {
            if (item is { Rejection: null, Stored: { Deleted: false } stored })
            {
                live.Add(stored);
            }
        }

        indexer.Prepare(live);
    }

    /// <summary>Indexes the changes of one commit, in the caller's transaction.</summary>
    public async Task IndexAsync(WriteSession session, IReadOnlyList<CatalogChange> committed, CancellationToken cancellationToken)
    {
        if (indexer is null || committed.Count == 0)
        {
            return;
        }

        var records = new Record[committed.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = committed[i].Record;
        }

        await indexer.IndexAsync(session.Transaction, records, cancellationToken);
        await using var command = session.Command("UPDATE catalog_indexers SET position = @position WHERE name = @name");
        command.Parameter("@position", (long)committed[^1].CommitEndSeq);
        command.Parameter("@name", indexer.Name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Brings the indexer to the catalog head in one write transaction: from its position when it has
    /// one that retention has not passed, otherwise (new, missing tables, or too far behind) by
    /// clearing it and indexing every live record. Returns what was done, for the log.
    /// </summary>
    public async Task<IndexerCatchUp?> CatchUpAsync(IStorageProvider provider, CancellationToken cancellationToken)
    {
        if (indexer is null)
        {
            return null;
        }

        bool created;
        await using (var connection = await provider.OpenConnectionAsync(cancellationToken))
        {
            created = await indexer.EnsureSchemaAsync(connection, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = CreateTable;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);

        // The counter row lock every sequence-allocating writer takes: on a catalog shared by several
        // hub instances, none commits a change between the head read here and this commit.
        await using (var lockCounter = session.Command("UPDATE hub_state SET catalog_seq = catalog_seq WHERE id = 1"))
        {
            await lockCounter.ExecuteNonQueryAsync(cancellationToken);
        }

        var feed = await FeedQueries.PositionAsync(session.Connection, session.Transaction, cancellationToken);
        ulong? position;
        await using (var command = session.Command("SELECT position FROM catalog_indexers WHERE name = @name"))
        {
            command.Parameter("@name", indexer.Name);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            position = value is null or DBNull ? null : (ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var rebuild = created || position is null || position < feed.HorizonSeq || position > feed.HeadSeq;
        var from = rebuild ? 0UL : position!.Value;
        if (rebuild)
        {
            await indexer.ClearAsync(session.Transaction, cancellationToken);
        }

        var indexed = 0L;
        if (from < feed.HeadSeq)
        {
            indexed = await IndexSinceAsync(session, from, rebuild, cancellationToken);
        }

        await using (var command = session.Command(
            """
            INSERT INTO catalog_indexers (name, position) VALUES (@name, @position)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """))
        {
            command.Parameter("@name", indexer.Name);
            command.Parameter("@position", (long)feed.HeadSeq);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return new IndexerCatchUp(indexer.Name, rebuild, position ?? 0, feed.HeadSeq, indexed);
    }

    /// <summary>
    /// Every record whose current row changed after <paramref name="from"/>: live ones from their
    /// current payload, deleted ones as tombstones (a rebuild skips those: the index was just cleared).
    /// Records that retention forgot entirely were deleted at or below the horizon, so at or below the
    /// indexer's position when it is not rebuilding.
    /// </summary>
    private async Task<long> IndexSinceAsync(WriteSession session, ulong from, bool liveOnly, CancellationToken cancellationToken)
    {
        var indexed = 0L;
        var batch = new List<Record>(CatchUpBatch);
        await using var command = session.Command(
            $"""
            SELECT r.center_id, r.local_id, r.version, r.deleted, c.payload
            FROM records r LEFT JOIN changes c ON c.seq = r.seq AND NOT r.deleted
            WHERE r.seq > @from {(liveOnly ? "AND NOT r.deleted" : string.Empty)}
            ORDER BY r.seq
            """);
        command.Parameter("@from", (long)from);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(reader.GetBoolean(3) || reader.IsDBNull(4)
                    ? new Record
                    {
                        Id = new RecordId { CenterId = reader.GetString(0), LocalId = reader.GetString(1) },
                        Version = (ulong)reader.GetInt64(2),
                        Deleted = true,
                    }
                    : Record.Parser.ParseFrom((byte[])reader.GetValue(4)));
                if (batch.Count == CatchUpBatch)
                {
                    indexed += batch.Count;
                    batch = await FlushAsync(session, batch, cancellationToken);
                }
            }
        }

        indexed += batch.Count;
        await FlushAsync(session, batch, cancellationToken);
        return indexed;
    }

    private async Task<List<Record>> FlushAsync(WriteSession session, List<Record> batch, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            await indexer!.IndexAsync(session.Transaction, batch, cancellationToken);
        }

        return new List<Record>(CatchUpBatch);
    }
}

/// <summary>What opening the catalog did to bring its indexer up to date.</summary>
internal sealed record IndexerCatchUp(string Name, bool Rebuilt, ulong From, ulong To, long Indexed);
