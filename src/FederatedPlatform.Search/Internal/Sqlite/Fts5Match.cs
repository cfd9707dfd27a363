namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>Builds an FTS5 MATCH expression from query terms: each a quoted string (a prefix followed by *), joined by AND or OR.</summary>
internal static class Fts5Match
{
    public static string Of(IReadOnlyList<QueryTerm> terms, bool all) =>
        string.Join(all ? " AND " : " OR ", terms.Select(Quote));

    /// <summary>The expression for a candidate scope.</summary>
    public static string Of(IReadOnlyList<QueryTerm> terms, CandidateScope scope) => Of(terms, scope == CandidateScope.AllTerms);

    private static string Quote(QueryTerm term) =>
        "\"" + term.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.Prefix ? "*" : string.Empty);
}
