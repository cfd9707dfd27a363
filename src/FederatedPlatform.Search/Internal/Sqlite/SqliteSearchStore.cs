using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>The SQLite FTS5 engine: BM25 over the analysed fields, filters joined from <c>search_docs</c>, keyset paging.</summary>
internal sealed class SqliteSearchStore : ISearchStore
{
    public async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, SqliteSchema.Create);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('search_docs', 'search_doc_languages', 'search_fts')");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 3;
    }

    public async Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        // 'delete-all' empties a contentless FTS5 table (a plain DELETE must name every row).
        await using var command = transaction.Connection!.Command(
            transaction,
            "DELETE FROM search_doc_languages; DELETE FROM search_docs; INSERT INTO search_fts (search_fts) VALUES ('delete-all');");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        await SqliteDocumentWriter.CreateAsync(transaction, cancellationToken);

    public async Task<IReadOnlyList<StoredHit>> ReadPageAsync(
        DbConnection connection, DbTransaction? transaction, PageRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, string.Empty);
        var sql = new StringBuilder();
        var ranked = request.Terms.Count > 0;
        if (ranked)
        {
            // AllThenAny over several terms: every record with any term, those with all of them first.
            var tiered = request.Matching == TermMatching.AllThenAny && request.Terms.Count > 1;
            sql.Append(
                $"""
                SELECT d.center_id, d.local_id, m.tier, m.rank, d.payload
                FROM (SELECT rowid AS doc_id, bm25(search_fts, @w_title, @w_keywords, @w_summary) AS rank,
                             {(tiered ? "CASE WHEN rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @all) THEN 0 ELSE 1 END" : "0")} AS tier
                      FROM search_fts WHERE search_fts MATCH @match) AS m
                JOIN search_docs AS d ON d.doc_id = m.doc_id
                WHERE 1 = 1
                """);
            command.Parameter("@w_title", request.Weights.Title);
            command.Parameter("@w_keywords", request.Weights.Keywords);
            command.Parameter("@w_summary", request.Weights.Summary);
            command.Parameter("@match", Fts5Match.Of(request.Terms, request.Matching == TermMatching.All));
            if (tiered)
            {
                command.Parameter("@all", Fts5Match.Of(request.Terms, all: true));
            }
        }
        else
        {
            sql.Append("SELECT d.center_id, d.local_id, 0 AS tier, 0.0 AS rank, d.payload FROM search_docs AS d WHERE 1 = 1");
        }

        SqliteFilter.Append(sql, command, request.Filter);
        if (request.After is { } after)
        {
            sql.Append(ranked
                ? " AND (m.tier, m.rank, d.center_id, d.local_id) > (@a_tier, @a_rank, @a_center, @a_local)"
                : " AND (d.center_id, d.local_id) > (@a_center, @a_local)");
            command.Parameter("@a_tier", after.Tier);
            command.Parameter("@a_rank", after.Rank);
            command.Parameter("@a_center", after.CenterId);
            command.Parameter("@a_local", after.LocalId);
        }

        sql.Append(ranked ? " ORDER BY m.tier, m.rank, d.center_id, d.local_id" : " ORDER BY d.center_id, d.local_id");
        sql.Append(" LIMIT @limit");
        command.Parameter("@limit", request.Limit);
        command.CommandText = sql.ToString();

        var hits = new List<StoredHit>(Math.Min(request.Limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new StoredHit(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetDouble(3), (byte[])reader.GetValue(4)));
        }

        return hits;
    }

    public async IAsyncEnumerable<FacetRow> ReadFacetRowsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IReadOnlyList<QueryTerm> terms,
        TermMatching matching,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string columns = "d.kind, d.sector, d.country, d.center_id, d.status, d.trl, d.languages";
        await using var command = connection.Command(
            transaction,
            terms.Count > 0
                ? $"SELECT {columns} FROM search_fts JOIN search_docs AS d ON d.doc_id = search_fts.rowid WHERE search_fts MATCH @match"
                : $"SELECT {columns} FROM search_docs AS d");
        if (terms.Count > 0)
        {
            command.Parameter("@match", Fts5Match.Of(terms, matching == TermMatching.All));
        }

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
        long documents;
        await using (var count = connection.Command(transaction, "SELECT count(*) FROM search_docs"))
        {
            documents = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.Command(transaction, "SELECT doc FROM search_vocab WHERE term = @term");
        var parameter = command.Parameter("@term");
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            parameter.Value = term;
            if (await command.ExecuteScalarAsync(cancellationToken) is { } doc and not DBNull)
            {
                frequencies[term] = Convert.ToInt64(doc, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new TermStatistics(documents, frequencies);
    }
}
