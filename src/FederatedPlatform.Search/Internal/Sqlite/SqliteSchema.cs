namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// The index tables. <c>search_fts</c> is contentless (the record itself is in <c>search_docs</c>) with
/// <c>contentless_delete=1</c>, so rows can be replaced and deleted without re-supplying their old text;
/// its 'ascii' tokenizer only splits analysed terms on spaces (every non-ASCII character is a token
/// character). <c>detail=full</c>: bm25() needs per-term frequencies.
/// </summary>
internal static class SqliteSchema
{
    public const string Create =
        """
        CREATE TABLE IF NOT EXISTS search_docs (
            doc_id INTEGER PRIMARY KEY,
            center_id TEXT NOT NULL,
            local_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            sector INTEGER NOT NULL,
            country TEXT NOT NULL,
            status INTEGER NOT NULL,
            trl INTEGER NOT NULL,
            modes INTEGER NOT NULL,
            languages TEXT NOT NULL,
            payload BLOB NOT NULL,
            UNIQUE (center_id, local_id)
        );
        CREATE TABLE IF NOT EXISTS search_doc_languages (
            lang TEXT NOT NULL,
            doc_id INTEGER NOT NULL,
            PRIMARY KEY (lang, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS search_doc_languages_doc ON search_doc_languages (doc_id);
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
            title, keywords, summary,
            content = '', contentless_delete = 1, tokenize = 'ascii', detail = full
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5vocab(search_fts, 'row');
        """;
}
