using System.Data.Common;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// Prepared upsert and delete statements on the caller's transaction, reused for a batch. Document
/// frequencies and corpus totals are summed in memory and written when many are pending and on dispose,
/// which therefore has to come before the commit (as <see cref="ISearchIndexWriter"/> says).
/// </summary>
internal sealed class SqliteDocumentWriter : IIndexDocumentWriter
{
    private readonly DbCommand _upsertDoc;
    private readonly DbCommand _upsertPayload;
    private readonly DbCommand _readTerms;
    private readonly DbCommand _upsertTerms;
    private readonly DbCommand _insertText;
    private readonly DbCommand _replaceText;
    private readonly DbCommand _deleteDoc;
    private readonly DbCommand _deletePayload;
    private readonly DbCommand _deleteTerms;
    private readonly DbCommand _deleteText;
    private readonly DbCommand _addTermDocs;
    private readonly DbCommand _dropTermDocs;
    private readonly DbCommand _addStat;
    private readonly StatisticsDelta _delta = new();

    private SqliteDocumentWriter(DbTransaction transaction)
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
            INSERT INTO search_docs (center_id, local_id, version, kind, sector, country, status, trl, modes, languages)
            VALUES (@center, @local, @version, @kind, @sector, @country, @status, @trl, @modes, @languages)
            ON CONFLICT (center_id, local_id) DO UPDATE SET
                version = excluded.version, kind = excluded.kind, sector = excluded.sector, country = excluded.country,
                status = excluded.status, trl = excluded.trl, modes = excluded.modes, languages = excluded.languages
            RETURNING doc_id
            """,
            "@center", "@local", "@version", "@kind", "@sector", "@country", "@status", "@trl", "@modes", "@languages");
        _upsertPayload = Command("INSERT OR REPLACE INTO search_payloads (doc_id, payload) VALUES (@doc, @payload)", "@doc", "@payload");
        _readTerms = Command("SELECT title, keywords, summary FROM search_doc_terms WHERE doc_id = @doc", "@doc");
        _upsertTerms = Command(
            "INSERT OR REPLACE INTO search_doc_terms (doc_id, title, keywords, summary) VALUES (@doc, @title, @keywords, @summary)",
            "@doc", "@title", "@keywords", "@summary");
        _insertText = Command(SqliteSchema.InsertText, "@doc", "@title", "@keywords", "@summary", "@tags");
        _replaceText = Command(
            "REPLACE INTO search_text (rowid, title, keywords, summary, tags) VALUES (~@doc, @title, @keywords, @summary, @tags)",
            "@doc", "@title", "@keywords", "@summary", "@tags");
        _deleteDoc = Command("DELETE FROM search_docs WHERE center_id = @center AND local_id = @local RETURNING doc_id", "@center", "@local");
        _deletePayload = Command("DELETE FROM search_payloads WHERE doc_id = @doc", "@doc");
        _deleteTerms = Command("DELETE FROM search_doc_terms WHERE doc_id = @doc", "@doc");
        _deleteText = Command("DELETE FROM search_text WHERE rowid = ~@doc", "@doc");
        _addTermDocs = Command(
            "INSERT INTO search_term_docs (term, docs) VALUES (@term, @docs) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            "@term", "@docs");
        _dropTermDocs = Command("DELETE FROM search_term_docs WHERE term = @term AND docs <= 0", "@term");
        _addStat = Command("UPDATE search_stats SET value = value + @value WHERE name = @name", "@value", "@name");
    }

    public static async Task<SqliteDocumentWriter> CreateAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var writer = new SqliteDocumentWriter(transaction);
        foreach (var command in writer.Commands)
        {
            await command.PrepareAsync(cancellationToken);
        }

        return writer;
    }

    private IEnumerable<DbCommand> Commands =>
    [
        _upsertDoc, _upsertPayload, _readTerms, _upsertTerms, _insertText, _replaceText,
        _deleteDoc, _deletePayload, _deleteTerms, _deleteText, _addTermDocs, _dropTermDocs, _addStat,
    ];

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
        var docId = Convert.ToInt64(await _upsertDoc.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        _upsertPayload.Parameters[0].Value = docId;
        _upsertPayload.Parameters[1].Value = document.Payload;
        await _upsertPayload.ExecuteNonQueryAsync(cancellationToken);

        var replacing = await CountOutAsync(docId, cancellationToken);
        _upsertTerms.Parameters[0].Value = docId;
        _upsertTerms.Parameters[1].Value = document.TitleTerms;
        _upsertTerms.Parameters[2].Value = document.KeywordTerms;
        _upsertTerms.Parameters[3].Value = document.SummaryTerms;
        await _upsertTerms.ExecuteNonQueryAsync(cancellationToken);
        _delta.Add(document.TitleTerms, document.KeywordTerms, document.SummaryTerms, +1);

        // A new document is a plain insert: REPLACE on a contentless_delete table first deletes the rowid,
        // which records a tombstone in the index even when there was nothing to delete.
        var text = replacing ? _replaceText : _insertText;
        text.Parameters[0].Value = docId;
        text.Parameters[1].Value = document.TitleTerms;
        text.Parameters[2].Value = document.KeywordTerms;
        text.Parameters[3].Value = document.SummaryTerms;
        text.Parameters[4].Value = FilterTags.Of(document);
        await text.ExecuteNonQueryAsync(cancellationToken);
        await FlushIfLargeAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string centerId, string localId, CancellationToken cancellationToken)
    {
        _deleteDoc.Parameters[0].Value = centerId;
        _deleteDoc.Parameters[1].Value = localId;
        var docId = await _deleteDoc.ExecuteScalarAsync(cancellationToken);
        if (docId is null or DBNull)
        {
            return false;
        }

        await CountOutAsync(docId, cancellationToken);
        foreach (var command in new[] { _deletePayload, _deleteTerms, _deleteText })
        {
            command.Parameters[0].Value = docId;
            await command.ExecuteNonQueryAsync(cancellationToken);
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
            foreach (var command in Commands)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>Takes the document's previous terms, if it had any, out of the statistics; false when it had none (a new document).</summary>
    private async Task<bool> CountOutAsync(object docId, CancellationToken cancellationToken)
    {
        _readTerms.Parameters[0].Value = docId;
        await using var reader = await _readTerms.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        _delta.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), -1);
        return true;
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

        foreach (var (term, docs) in _delta.TermDocuments.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (docs == 0)
            {
                continue;
            }

            _addTermDocs.Parameters[0].Value = term;
            _addTermDocs.Parameters[1].Value = docs;
            await _addTermDocs.ExecuteNonQueryAsync(cancellationToken);
            if (docs < 0)
            {
                _dropTermDocs.Parameters[0].Value = term;
                await _dropTermDocs.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        foreach (var (name, value) in new[] { ("docs", _delta.Documents), ("tokens", _delta.Tokens) })
        {
            _addStat.Parameters[0].Value = value;
            _addStat.Parameters[1].Value = name;
            await _addStat.ExecuteNonQueryAsync(cancellationToken);
        }

        _delta.Clear();
    }
}
