using System.Data.Common;

namespace FederatedPlatform.Search.Internal.Postgres;

/// <summary>
/// Upserts and deletes on the caller's transaction, two round trips per upserted document and one per
/// delete (data-modifying CTEs read the previous terms while replacing them). Document frequencies and
/// totals are summed in memory and written as one array statement when many are pending and on dispose,
/// which therefore has to come before the commit (as <see cref="ISearchIndexWriter"/> says). Terms are
/// written in code point order, so concurrent writers lock frequency rows in the same order.
/// </summary>
internal sealed class PostgresDocumentWriter : IIndexDocumentWriter
{
    private readonly DbCommand _upsertDoc;
    private readonly DbCommand _writeDoc;
    private readonly DbCommand _deleteDoc;
    private readonly DbCommand _flush;
    private readonly StatisticsDelta _delta = new();

    public PostgresDocumentWriter(DbTransaction transaction)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection.", nameof(transaction));
        DbCommand Command(string sql, params string[] parameters)
        {
            var command = connection.Command(transaction, sql);
            foreach (var name in parameters)
            {
                command.Parameter(name);
            }

            return command;
        }

        _upsertDoc = Command(
            """
            WITH d AS (
                INSERT INTO search_docs (center_id, local_id, version, kind, sector, country, status, trl, modes, languages)
                VALUES (@center, @local, @version, @kind, @sector, @country, @status, @trl, @modes, @languages)
                ON CONFLICT (center_id, local_id) DO UPDATE SET
                    version = excluded.version, kind = excluded.kind, sector = excluded.sector, country = excluded.country,
                    status = excluded.status, trl = excluded.trl, modes = excluded.modes, languages = excluded.languages
                RETURNING doc_id)
            SELECT d.doc_id, t.title, t.keywords, t.summary FROM d LEFT JOIN search_doc_terms AS t ON t.doc_id = d.doc_id
            """,
            "@center", "@local", "@version", "@kind", "@sector", "@country", "@status", "@trl", "@modes", "@languages");
        _writeDoc = Command(
            """
            INSERT INTO search_payloads (doc_id, payload) VALUES (@doc, @payload)
                ON CONFLICT (doc_id) DO UPDATE SET payload = excluded.payload;
            INSERT INTO search_doc_terms (doc_id, title, keywords, summary, lexemes)
                VALUES (@doc, @title, @keywords, @summary, array_to_tsvector(@lexemes::text[]))
                ON CONFLICT (doc_id) DO UPDATE SET
                    title = excluded.title, keywords = excluded.keywords, summary = excluded.summary, lexemes = excluded.lexemes;
            """,
            "@doc", "@payload", "@title", "@keywords", "@summary", "@lexemes");
        _deleteDoc = Command(
            """
            WITH d AS (DELETE FROM search_docs WHERE center_id = @center AND local_id = @local RETURNING doc_id),
            t AS (DELETE FROM search_doc_terms WHERE doc_id IN (SELECT doc_id FROM d) RETURNING title, keywords, summary),
            p AS (DELETE FROM search_payloads WHERE doc_id IN (SELECT doc_id FROM d))
            SELECT d.doc_id, t.title, t.keywords, t.summary FROM d LEFT JOIN t ON true
            """,
            "@center", "@local");
        _flush = Command(
            """
            INSERT INTO search_term_docs (term, docs)
                SELECT u.term, u.docs FROM unnest(@terms::text[], @counts::bigint[]) AS u (term, docs) ORDER BY u.term COLLATE "C"
                ON CONFLICT (term) DO UPDATE SET docs = search_term_docs.docs + excluded.docs;
            DELETE FROM search_term_docs WHERE term = ANY (@terms::text[]) AND docs <= 0;
            UPDATE search_stats SET value = value + @documents WHERE name = 'docs';
            UPDATE search_stats SET value = value + @tokens WHERE name = 'tokens';
            """,
            "@terms", "@counts", "@documents", "@tokens");
    }

    public async Task UpsertAsync(IndexDocument document, CancellationToken cancellationToken)
    {
        var p = _upsertDoc.Parameters;
        p[0].Value = document.CenterId;
        p[1].Value = document.LocalId;
        p[2].Value = (long)document.Version;
        p[3].Value = (int)document.Kind;
        p[4].Value = (int)document.Sector;
        p[5].Value = document.Country;
        p[6].Value = (int)document.Status;
        p[7].Value = document.Trl;
        p[8].Value = document.Modes;
        p[9].Value = string.Join(' ', document.Languages);
        long docId;
        await using (var reader = await _upsertDoc.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            docId = reader.GetInt64(0);
            if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                _delta.Add(reader.GetString(1), reader.GetString(2), reader.GetString(3), -1);
            }
        }

        var w = _writeDoc.Parameters;
        w[0].Value = docId;
        w[1].Value = document.Payload;
        w[2].Value = document.TitleTerms;
        w[3].Value = document.KeywordTerms;
        w[4].Value = document.SummaryTerms;
        w[5].Value = TsQuery.Lexemes(document.TitleTerms, document.KeywordTerms, document.SummaryTerms);
        await _writeDoc.ExecuteNonQueryAsync(cancellationToken);
        _delta.Add(document.TitleTerms, document.KeywordTerms, document.SummaryTerms, +1);
        await FlushIfLargeAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string centerId, string localId, CancellationToken cancellationToken)
    {
        _deleteDoc.Parameters[0].Value = centerId;
        _deleteDoc.Parameters[1].Value = localId;
        await using (var reader = await _deleteDoc.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                _delta.Add(reader.GetString(1), reader.GetString(2), reader.GetString(3), -1);
            }
        }

        await FlushIfLargeAsync(cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        finally
        {
            foreach (var command in new[] { _upsertDoc, _writeDoc, _deleteDoc, _flush })
            {
                await command.DisposeAsync();
            }
        }
    }

    private async Task FlushIfLargeAsync(CancellationToken cancellationToken)
    {
        if (_delta.IsLarge)
        {
            await FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_delta.IsEmpty)
        {
            return;
        }

        var changed = _delta.TermDocuments.Where(t => t.Value != 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        _flush.Parameters[0].Value = changed.Select(t => t.Key).ToArray();
        _flush.Parameters[1].Value = changed.Select(t => t.Value).ToArray();
        _flush.Parameters[2].Value = _delta.Documents;
        _flush.Parameters[3].Value = _delta.Tokens;
        await _flush.ExecuteNonQueryAsync(cancellationToken);
        _delta.Clear();
    }
}
