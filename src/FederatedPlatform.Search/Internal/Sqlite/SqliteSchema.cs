namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// The index tables. <c>search_docs</c> holds only the small filter fields, so scans for facets and filters
/// read dense pages; the stored record is in <c>search_payloads</c> and read for the page's hits only.
/// <c>search_text</c> (FTS5) is contentless (used to find matching documents, never to rank them) with
/// <c>contentless_delete=1</c>, so rows can be replaced and deleted without re-supplying their old text;
/// its 'ascii' tokenizer only splits analysed terms on spaces (every non-ASCII character is a token
/// character); <c>detail=none</c>: it only has to say which documents hold a term, ranking reads the
/// fields from <c>search_doc_terms</c>. <c>search_doc_terms</c> keeps each document's analysed fields for ranking candidates in C#,
/// and <c>search_term_docs</c> / <c>search_stats</c> the document frequencies and corpus totals BM25
/// needs, maintained by the writer: FTS5's own bm25() counts every query term's documents by walking its
/// whole posting list on every query, which at a million records costs more than the rest of the query.
/// <c>search_docs_country</c> (created at open for an index of an earlier layout too) lets a listing
/// without terms find the records of a rare country without a table scan. The <c>tags</c> column of
/// <c>search_text</c> holds each document's sector, country and center as tokens
/// (<see cref="FilterTags"/>), so FTS5 applies a filter on them while it intersects the term lists.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The tables the full-text table is rebuilt from when it is missing or of an earlier layout.</summary>
    public static readonly IReadOnlyList<string> SideTables =
        ["search_docs", "search_payloads", "search_doc_terms", "search_term_docs", "search_stats"];

    /// <summary>The full-text table of this layout, <c>search_text</c>; the layouts before had <c>search_fts</c> (rowid = doc id, without tags).</summary>
    public const string TextTable = "search_text";

    /// <summary>Drops the tables of this and the earlier layouts (which also had the search_vocab view).</summary>
    public const string Drop =
        """
        DROP TABLE IF EXISTS search_vocab; DROP TABLE IF EXISTS search_fts; DROP TABLE IF EXISTS search_text; DROP TABLE IF EXISTS search_doc_languages;
        DROP TABLE IF EXISTS search_docs; DROP TABLE IF EXISTS search_payloads; DROP TABLE IF EXISTS search_doc_terms;
        DROP TABLE IF EXISTS search_term_docs; DROP TABLE IF EXISTS search_stats;
        """;

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
            UNIQUE (center_id, local_id)
        );
        CREATE INDEX IF NOT EXISTS search_docs_country ON search_docs (country);
        CREATE TABLE IF NOT EXISTS search_payloads (
            doc_id INTEGER PRIMARY KEY,
            payload BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS search_doc_terms (
            doc_id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            keywords TEXT NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS search_term_docs (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS search_stats (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO search_stats (name, value) VALUES ('docs', 0), ('tokens', 0);
        DROP TABLE IF EXISTS search_doc_languages;
        """ + CreateText;

    /// <summary>
    /// The FTS5 table, alone (<see cref="SqliteSearchStore"/> rebuilds it for an index of an earlier layout).
    /// A document's rowid in it is the bitwise complement of its doc id (<c>~doc_id</c>, its own inverse), so
    /// the newest document has the lowest rowid. Candidates are read newest first, and FTS5 walks its lists
    /// forwards faster than backwards (a reverse walk decodes each page into an offset array first): 15–30 %
    /// less per read at a million records.
    /// </summary>
    public const string CreateText =
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
            title, keywords, summary, tags,
            content = '', contentless_delete = 1, tokenize = 'ascii', detail = none
        );
        """;

    /// <summary>Adds document <c>@doc</c>'s analysed fields and tags to the FTS5 table (at rowid <c>~@doc</c>, see <see cref="CreateText"/>).</summary>
    public const string InsertText =
        "INSERT INTO search_text (rowid, title, keywords, summary, tags) VALUES (~@doc, @title, @keywords, @summary, @tags)";
}
