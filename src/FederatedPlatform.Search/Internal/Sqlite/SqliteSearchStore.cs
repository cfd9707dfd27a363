using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// The SQLite engine: FTS5 finds matching documents newest first (ascending rowid order, see
/// <see cref="SqliteSchema.CreateText"/>, so a LIMIT ends the walk early), applying sector, country and
/// center filters through the documents' tags (<see cref="FilterTags"/>); the join tests the rest of the
/// filter, and the side tables give what ranking needs.
/// </summary>
internal sealed class SqliteSearchStore : ISearchStore
{
    public async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sides = await CountSideTablesAsync(connection, cancellationToken);
        if (sides == SqliteSchema.SideTables.Count)
        {
            if (!await TextTableExistsAsync(connection, cancellationToken))
            {
                await RebuildTextAsync(connection, cancellationToken);
            }
        }
        else if (sides > 0)
        {
            // An index of an earlier layout (the record inside search_docs, no statistics) is dropped, so the
            // caller sees no schema and rebuilds it from the catalog.
            await using var drop = connection.Command(null, SqliteSchema.Drop);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.Command(null, SqliteSchema.Create);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> TextTableExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, $"SELECT count(*) FROM sqlite_master WHERE name = '{SqliteSchema.TextTable}'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// Builds the FTS5 table of this layout for an index of an earlier one (<c>search_fts</c>: rowid = doc id,
    /// no tags), in one transaction, from the analysed fields and filter fields the index keeps: the other
    /// tables, and the statistics, stay as they are (about two minutes for a million records, not the hour a
    /// rebuild from the catalog takes).
    /// </summary>
    private static async Task RebuildTextAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var recreate = connection.Command(transaction, "DROP TABLE IF EXISTS search_fts; " + SqliteSchema.CreateText))
        {
            await recreate.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.Command(transaction, SqliteSchema.InsertText);
        var parameters = new[] { "@doc", "@title", "@keywords", "@summary", "@tags" }.Select(name => insert.Parameter(name)).ToArray();
        await using var read = connection.Command(
            transaction,
            """
            SELECT d.doc_id, t.title, t.keywords, t.summary, d.sector, d.country, d.center_id
            FROM search_docs AS d JOIN search_doc_terms AS t ON t.doc_id = d.doc_id
            ORDER BY d.doc_id
            """);
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < 4; i++)
                {
                    parameters[i].Value = reader.GetValue(i);
                }

                parameters[4].Value = FilterTags.Of((Sector)reader.GetInt32(4), reader.GetString(5), reader.GetString(6));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the index's data exists: the full-text table is rebuilt from the other tables when missing or of an earlier layout.</summary>
    public async Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await CountSideTablesAsync(connection, cancellationToken) == SqliteSchema.SideTables.Count;

    public async Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        // 'delete-all' empties a contentless FTS5 table (a plain DELETE must name every row).
        await using var command = transaction.Connection!.Command(
            transaction,
            """
            DELETE FROM search_docs; DELETE FROM search_payloads; DELETE FROM search_doc_terms;
            DELETE FROM search_term_docs; UPDATE search_stats SET value = 0;
            INSERT INTO search_text (search_text) VALUES ('delete-all');
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountSideTablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            null,
            $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({string.Join(", ", SqliteSchema.SideTables.Select(t => "'" + t + "'"))})");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        await SqliteDocumentWriter.CreateAsync(transaction, cancellationToken);

    /// <summary>
    /// FTS5's 'merge' with a negative page count: starts (or goes on with) merging every segment into one,
    /// whatever their levels, for at most that many pages. FTS5 documents that a 'merge' which found nothing
    /// to do changes fewer than two rows (total_changes()).
    /// </summary>
    public async Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command(
            transaction,
            """
            SELECT total_changes();
            INSERT INTO search_text (search_text, rank) VALUES ('merge', @pages);
            SELECT total_changes();
            """);
        command.Parameter("@pages", -pages);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var before = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) - before >= 2;
    }

    public async Task<CorpusStatistics> ReadStatisticsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<QueryTerm> terms, CancellationToken cancellationToken)
    {
        long documents = 0, tokens = 0;
        await using (var totals = connection.Command(transaction, "SELECT name, value FROM search_stats"))
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _ = reader.GetString(0) == "docs" ? documents = reader.GetInt64(1) : tokens = reader.GetInt64(1);
            }
        }

        var frequencies = new long[terms.Count];
        await using var exact = connection.Command(transaction, "SELECT docs FROM search_term_docs WHERE term = @term");
        var term = exact.Parameter("@term");
        await using var prefix = connection.Command(
            transaction, "SELECT coalesce(sum(docs), 0) FROM search_term_docs WHERE term >= @from AND term < @to");
        var from = prefix.Parameter("@from");
        var to = prefix.Parameter("@to");
        for (var i = 0; i < terms.Count; i++)
        {
            DbCommand command;
            if (terms[i].Prefix)
            {
                // Summed over the terms a prefix matches: a document holding two of them counts twice, an over-estimate only for Cyrillic prefixes.
                from.Value = terms[i].Text;
                to.Value = terms[i].Text + char.MaxValue;
                command = prefix;
            }
            else
            {
                term.Value = terms[i].Text;
                command = exact;
            }

            frequencies[i] = await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
                ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
                : 0;
        }

        return new CorpusStatistics(documents, tokens, frequencies);
    }

    public async Task<IReadOnlyList<Candidate>> ReadCandidatesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IReadOnlyList<QueryTerm> terms,
        CandidateScope scope,
        SearchFilter filter,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, string.Empty);
        var sql = new StringBuilder(
            """
            SELECT d.doc_id, d.center_id, d.local_id, t.title, t.keywords, t.summary
            FROM search_text
            JOIN search_docs AS d ON d.doc_id = ~search_text.rowid
            JOIN search_doc_terms AS t ON t.doc_id = d.doc_id
            WHERE search_text MATCH @match
            """);
        command.Parameter("@match", FilterTags.Filtered(Fts5Match.Of(terms, scope), filter));
        SqlFilter.Append(sql, command, FilterTags.Untagged(filter));
        // Newest first: the lowest text rowid first (SqliteSchema.CreateText).
        sql.Append(" ORDER BY search_text.rowid LIMIT @limit");
        command.Parameter("@limit", limit);
        command.CommandText = sql.ToString();

        var candidates = new List<Candidate>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new Candidate(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return candidates;
    }

    public async Task<IReadOnlyList<StoredHit>> ReadListingAsync(
        DbConnection connection, DbTransaction? transaction, SearchFilter filter, PageKey? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, string.Empty);
        var sql = new StringBuilder(
            "SELECT d.center_id, d.local_id, p.payload FROM search_docs AS d JOIN search_payloads AS p ON p.doc_id = d.doc_id WHERE 1 = 1");
        SqlFilter.Append(sql, command, filter);
        if (after is { } key)
        {
            sql.Append(" AND (d.center_id, d.local_id) > (@a_center, @a_local)");
            command.Parameter("@a_center", key.CenterId);
            command.Parameter("@a_local", key.LocalId);
        }

        sql.Append(" ORDER BY d.center_id, d.local_id LIMIT @limit");
        command.Parameter("@limit", limit);
        command.CommandText = sql.ToString();

        var hits = new List<StoredHit>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new StoredHit(reader.GetString(0), reader.GetString(1), 0, 0.0, (byte[])reader.GetValue(2)));
        }

        return hits;
    }

    public async Task<IReadOnlyDictionary<long, byte[]>> ReadPayloadsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> docIds, CancellationToken cancellationToken)
    {
        var payloads = new Dictionary<long, byte[]>(docIds.Count);
        await using var command = connection.Command(transaction, "SELECT payload FROM search_payloads WHERE doc_id = @doc");
        var doc = command.Parameter("@doc");
        foreach (var id in docIds)
        {
            doc.Value = id;
            if (await command.ExecuteScalarAsync(cancellationToken) is byte[] payload)
            {
                payloads[id] = payload;
            }
        }

        return payloads;
    }

    public async IAsyncEnumerable<FacetRow> ReadFacetRowsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IReadOnlyList<QueryTerm> terms,
        TermMatching matching,
        int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string columns = "d.kind, d.sector, d.country, d.center_id, d.status, d.trl, d.languages";
        await using var command = connection.Command(
            transaction,
            terms.Count > 0
                ? $"SELECT {columns} FROM search_text JOIN search_docs AS d ON d.doc_id = ~search_text.rowid WHERE search_text MATCH @match ORDER BY search_text.rowid LIMIT @limit"
                : $"SELECT {columns} FROM search_docs AS d ORDER BY d.doc_id DESC LIMIT @limit");
        if (terms.Count > 0)
        {
            command.Parameter("@match", Fts5Match.Of(terms, matching == TermMatching.All));
        }

        command.Parameter("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new FacetRow(
                (RecordKind)reader.GetInt32(0),
                (Sector)reader.GetInt32(1),
                reader.GetString(2),
                reader.GetString(3),
                (RecordStatus)reader.GetInt32(4),
                reader.GetInt32(5),
                reader.GetString(6));
        }
    }

    public async Task<TermStatistics> ReadTermStatisticsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> terms, CancellationToken cancellationToken)
    {
        var distinct = terms.Distinct(StringComparer.Ordinal).ToList();
        var statistics = await ReadStatisticsAsync(connection, transaction, [.. distinct.Select(t => new QueryTerm(t, false))], cancellationToken);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (statistics.DocumentFrequencies[i] > 0)
            {
                frequencies[distinct[i]] = statistics.DocumentFrequencies[i];
            }
        }

        return new TermStatistics(statistics.Documents, frequencies);
    }
}
