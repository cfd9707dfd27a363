using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Postgres;

/// <summary>
/// The PostgreSQL engine: a GIN index over each document's lexemes finds matching documents, filters are
/// joined from <c>search_docs</c>, newest (highest doc id) first up to the limit; ranking, facets and
/// snippets stay in the engine-neutral C#, so results match SQLite's for the same catalog.
/// </summary>
internal sealed class PostgresSearchStore : ISearchStore
{
    public async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // CREATE ... IF NOT EXISTS is not safe against a concurrent creator: instances starting together take turns.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.Command(transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            command.Parameter("@key", PostgresSchema.LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = connection.Command(transaction, PostgresSchema.Create))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, PostgresSchema.Exists);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == PostgresSchema.TableCount;
    }

    public async Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command(transaction, PostgresSchema.Clear);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IIndexDocumentWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IIndexDocumentWriter>(new PostgresDocumentWriter(transaction));

    /// <summary>The GIN index has no segments to merge (its pending list is VACUUM's).</summary>
    public Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken) => Task.FromResult(false);

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
        if (terms.Count == 0)
        {
            return new CorpusStatistics(documents, tokens, frequencies);
        }

        // One round trip: each term's frequency, a prefix summed over the terms it matches (as on SQLite:
        // a document holding two of them counts twice, an over-estimate only for Cyrillic prefixes).
        await using var command = connection.Command(
            transaction,
            """
            SELECT q.i, coalesce((
                SELECT sum(t.docs) FROM search_term_docs AS t
                WHERE CASE WHEN q.prefix THEN t.term >= q.term AND t.term < q.term || chr(65535) ELSE t.term = q.term END), 0)
            FROM unnest(@terms::text[], @prefixes::boolean[]) WITH ORDINALITY AS q (term, prefix, i)
            """);
        command.Parameter("@terms", terms.Select(t => t.Text).ToArray());
        command.Parameter("@prefixes", terms.Select(t => t.Prefix).ToArray());
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                frequencies[reader.GetInt64(0) - 1] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
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
            SELECT t.doc_id, d.center_id, d.local_id, t.title, t.keywords, t.summary
            FROM search_doc_terms AS t
            JOIN search_docs AS d ON d.doc_id = t.doc_id
            WHERE t.lexemes @@ @match::tsquery
            """);
        command.Parameter("@match", TsQuery.Of(terms, scope));
        SqlFilter.Append(sql, command, filter);
        sql.Append(" ORDER BY t.doc_id DESC LIMIT @limit");
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
            "SELECT d.center_id, d.local_id, p.payload FROM search_docs AS d JOIN search_payloads AS p ON p.doc_id = d.doc_id WHERE true");
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
        if (docIds.Count == 0)
        {
            return payloads;
        }

        await using var command = connection.Command(transaction, "SELECT doc_id, payload FROM search_payloads WHERE doc_id = ANY (@docs::bigint[])");
        command.Parameter("@docs", docIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            payloads[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
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
                ? $"SELECT {columns} FROM search_doc_terms AS t JOIN search_docs AS d ON d.doc_id = t.doc_id WHERE t.lexemes @@ @match::tsquery ORDER BY t.doc_id DESC LIMIT @limit"
                : $"SELECT {columns} FROM search_docs AS d ORDER BY d.doc_id DESC LIMIT @limit");
        if (terms.Count > 0)
        {
            command.Parameter("@match", TsQuery.Of(terms, matching == TermMatching.All));
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
