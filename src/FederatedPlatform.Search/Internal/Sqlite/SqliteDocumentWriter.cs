using System.Data.Common;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>Prepared upsert and delete statements on the caller's transaction, reused for a batch.</summary>
internal sealed class SqliteDocumentWriter : IIndexDocumentWriter
{
    private readonly DbCommand _upsertDoc;
    private readonly DbCommand _clearLanguages;
    private readonly DbCommand _insertLanguage;
    private readonly DbCommand _replaceText;
    private readonly DbCommand _deleteDoc;
    private readonly DbCommand _deleteText;

    private SqliteDocumentWriter(DbTransaction transaction)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection.", nameof(transaction));
        _upsertDoc = connection.Command(
            transaction,
            """
            INSERT INTO search_docs (center_id, local_id, version, kind, sector, country, status, trl, modes, languages, payload)
            VALUES (@center, @local, @version, @kind, @sector, @country, @status, @trl, @modes, @languages, @payload)
            ON CONFLICT (center_id, local_id) DO UPDATE SET
                version = excluded.version, kind = excluded.kind, sector = excluded.sector, country = excluded.country,
                status = excluded.status, trl = excluded.trl, modes = excluded.modes, languages = excluded.languages,
                payload = excluded.payload
            RETURNING doc_id
            """);
        foreach (var name in new[] { "@center", "@local", "@version", "@kind", "@sector", "@country", "@status", "@trl", "@modes", "@languages", "@payload" })
        {
            _upsertDoc.Parameter(name);
        }

        _clearLanguages = connection.Command(transaction, "DELETE FROM search_doc_languages WHERE doc_id = @doc");
        _clearLanguages.Parameter("@doc");
        _insertLanguage = connection.Command(transaction, "INSERT INTO search_doc_languages (lang, doc_id) VALUES (@lang, @doc)");
        _insertLanguage.Parameter("@lang");
        _insertLanguage.Parameter("@doc");
        _replaceText = connection.Command(
            transaction, "REPLACE INTO search_fts (rowid, title, keywords, summary) VALUES (@doc, @title, @keywords, @summary)");
        foreach (var name in new[] { "@doc", "@title", "@keywords", "@summary" })
        {
            _replaceText.Parameter(name);
        }

        _deleteDoc = connection.Command(transaction, "DELETE FROM search_docs WHERE center_id = @center AND local_id = @local RETURNING doc_id");
        _deleteDoc.Parameter("@center");
        _deleteDoc.Parameter("@local");
        _deleteText = connection.Command(transaction, "DELETE FROM search_fts WHERE rowid = @doc");
        _deleteText.Parameter("@doc");
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

    private IEnumerable<DbCommand> Commands => [_upsertDoc, _clearLanguages, _insertLanguage, _replaceText, _deleteDoc, _deleteText];

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
        p[10].Value = document.Payload;
        var docId = Convert.ToInt64(await _upsertDoc.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        _clearLanguages.Parameters[0].Value = docId;
        await _clearLanguages.ExecuteNonQueryAsync(cancellationToken);
        foreach (var language in document.Languages)
        {
            _insertLanguage.Parameters[0].Value = language;
            _insertLanguage.Parameters[1].Value = docId;
            await _insertLanguage.ExecuteNonQueryAsync(cancellationToken);
        }

        _replaceText.Parameters[0].Value = docId;
        _replaceText.Parameters[1].Value = document.TitleTerms;
        _replaceText.Parameters[2].Value = document.KeywordTerms;
        _replaceText.Parameters[3].Value = document.SummaryTerms;
        await _replaceText.ExecuteNonQueryAsync(cancellationToken);
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

        _clearLanguages.Parameters[0].Value = docId;
        await _clearLanguages.ExecuteNonQueryAsync(cancellationToken);
        _deleteText.Parameters[0].Value = docId;
        await _deleteText.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }
    }
}
