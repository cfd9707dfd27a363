using FederatedPlatform.Search.Internal.Sqlite;

namespace FederatedPlatform.Search;

/// <summary>
/// The search index on SQLite (3.43 or later, with FTS5: the e_sqlite3 bundle qualifies). Tables:
/// <c>search_docs</c> (one row per record: its filter fields), <c>search_payloads</c> (the record without
/// its contact), the contentless FTS5 table <c>search_text</c> holding the
/// analysed title, keywords and summary terms, <c>search_doc_terms</c> (the same terms, for ranking), and
/// <c>search_term_docs</c> / <c>search_stats</c> (document frequencies and totals for BM25).
/// Use it on the same database file as the catalog so that index updates share the catalog's transactions.
/// </summary>
public sealed class SqliteSearchIndex : StoreSearchIndex
{
    /// <summary>An index with the given options (validated here), or the defaults.</summary>
    public SqliteSearchIndex(SearchIndexOptions? options = null)
        : base(new SqliteSearchStore(), options)
    {
    }
}
