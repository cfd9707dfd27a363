using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// The SQLite engine: FTS5 finds matching documents newest first (its rowid order, so a LIMIT ends the
/// walk early), filters are joined from <c>search_docs</c>, and the side tables give what ranking needs.
/// </summary>
/// <remarks>
/// A filter on a rare country or a few centers can pass only a few of a common term's postings, so the
/// walk for a window of candidates goes through most of the posting lists, and joining every posting to
/// <c>search_docs</c> to test the filter costs several times the walk itself. When the filter selects at
/// most <paramref name="filterFirstLimit"/> records (counted through an index, never by a table scan),
/// their ids are collected once and each posting is tested against that set before any join: the same
/// candidates, newest first.
/// </remarks>
/// <param name="filterFirstLimit">The most records a filter may select for that plan.</param>
internal sealed class SqliteSearchStore(int filterFirstLimit = SqliteSearchStore.DefaultFilterFirstLimit) : ISearchStore
{
    /// <summary>
    /// Collecting a filter's ids costs about as much per record as testing a few postings, so beyond this many
    /// records the join is cheaper: such a filter passes enough postings that the walk ends early.
    /// </summary>
    public const int DefaultFilterFirstLimit = 20_000;

    public async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // An index of the earlier layout (the record inside search_docs, no statistics) is dropped, so the
        // caller sees no schema and rebuilds it from the catalog.
        var found = await CountTablesAsync(connection, cancellationToken);
        if (found > 0 && found < SqliteSchema.Tables.Count)
        {
            await using var drop = connection.Command(null, SqliteSchema.Drop);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.Command(null, SqliteSchema.Create);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await CountTablesAsync(connection, cancellationToken) == SqliteSchema.Tables.Count;

    public async Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        // 'delete-all' empties a contentless FTS5 table (a plain DELETE must name every row).
        await using var command = transaction.Connection!.Command(
            transaction,
            """
            DELETE FROM search_docs; DELETE FROM search_payloads; DELETE FROM search_doc_terms;
            DELETE FROM search_term_docs; UPDATE search_stats SET value = 0;
            INSERT INTO search_fts (search_fts) VALUES ('delete-all');
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountTablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            null,
            $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({string.Join(", ", SqliteSchema.Tables.Select(t => "'" + t + "'"))})");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        await SqliteDocumentWriter.CreateAsync(transaction, cancellationToken);

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
        CandidateFilter filter,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, string.Empty);
        var sql = new StringBuilder(
            """
            SELECT search_fts.rowid, d.center_id, d.local_id, t.title, t.keywords, t.summary
            FROM search_fts
            JOIN search_docs AS d ON d.doc_id = search_fts.rowid
            JOIN search_doc_terms AS t ON t.doc_id = search_fts.rowid
            WHERE search_fts MATCH @match
            """);
        command.Parameter("@match", Fts5Match.Of(terms, scope));
        if (filter.FilterFirst)
        {
            // The unary + keeps the set from being offered to FTS5 as rowid lookups (one full term
            // lookup per id): SQLite builds it once and tests each posting against it.
            sql.Append(" AND +search_fts.rowid IN (SELECT d.doc_id FROM search_docs AS d WHERE 1 = 1");
            SqlFilter.Append(sql, command, filter.Filter);
            sql.Append(')');
        }
        else
        {
            SqlFilter.Append(sql, command, filter.Filter);
        }

        sql.Append(" ORDER BY search_fts.rowid DESC LIMIT @limit");
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

    /// <summary>Filter-first when the filter is selective (<see cref="IsSelectiveAsync"/>), counted once for both candidate reads of a query.</summary>
    public async Task<CandidateFilter> PlanFilterAsync(
        DbConnection connection, DbTransaction? transaction, SearchFilter filter, CancellationToken cancellationToken) =>
        new(filter, await IsSelectiveAsync(connection, transaction, filter, cancellationToken));

    /// <summary>
    /// Whether the filter selects at most the filter-first limit of records. Only a filter on countries or
    /// centers is counted: both have an index, so the count reads at most one more index entry than the
    /// limit; any other filter would be counted by a table scan.
    /// </summary>
    private async Task<bool> IsSelectiveAsync(
        DbConnection connection, DbTransaction? transaction, SearchFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Countries.Count == 0 && filter.CenterIds.Count == 0)
        {
            return false;
        }

        await using var command = connection.Command(transaction, string.Empty);
        var sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM search_docs AS d WHERE 1 = 1");
        SqlFilter.Append(sql, command, filter);
        sql.Append(" LIMIT @limit)");
        command.Parameter("@limit", filterFirstLimit + 1);
        command.CommandText = sql.ToString();
        var count = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return count <= filterFirstLimit;
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
                ? $"SELECT {columns} FROM search_fts JOIN search_docs AS d ON d.doc_id = search_fts.rowid WHERE search_fts MATCH @match ORDER BY search_fts.rowid DESC LIMIT @limit"
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
