namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>Builds an FTS5 MATCH expression from analysed terms: each term a quoted string, joined by AND or OR.</summary>
internal static class Fts5Match
{
    public static string Of(IReadOnlyList<string> terms, bool matchAll) =>
        string.Join(matchAll ? " AND " : " OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
