using FederatedPlatform.Search.Internal.Postgres;

namespace FederatedPlatform.Search;

/// <summary>
/// The search index on PostgreSQL (12 or later; the connection is Npgsql's), with the same analysis, BM25
/// ranking, facets, paging and snippets as <see cref="SqliteSearchIndex"/>. Tables: <c>search_docs</c>
/// (filter fields), <c>search_payloads</c>, <c>search_doc_terms</c> (the
/// analysed terms, and the same terms as a tsvector under a GIN index to find documents; PostgreSQL's text
/// search configurations are never applied) and <c>search_term_docs</c> / <c>search_stats</c> (document
/// frequencies and totals for BM25). Use it in the catalog's schema so index updates share its transactions.
/// </summary>
public sealed class PostgresSearchIndex : StoreSearchIndex
{
    /// <summary>An index with the given options (validated here), or the defaults.</summary>
    public PostgresSearchIndex(SearchIndexOptions? options = null)
        : base(new PostgresSearchStore(), options)
    {
    }
}
