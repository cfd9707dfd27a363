using System.Text;

namespace FederatedPlatform.Search.Internal.Postgres;

/// <summary>
/// Analysed terms as PostgreSQL lexemes: a tsquery literal (each term quoted, a prefix followed by <c>:*</c>,
/// joined by &amp; or |) cast with <c>::tsquery</c>, so no text search configuration touches them, and the
/// document side's lexeme array. A lexeme holds at most 2046 bytes; a longer term is cut at a character
/// boundary and matched as a prefix (ranking, on the full terms in C#, tells such rare tokens apart).
/// </summary>
internal static class TsQuery
{
    private const int MaxLexemeBytes = 2046;

    public static string Of(IReadOnlyList<QueryTerm> terms, bool all) =>
        string.Join(all ? " & " : " | ", terms.Select(Quote));

    public static string Of(IReadOnlyList<QueryTerm> terms, CandidateScope scope) => Of(terms, scope == CandidateScope.AllTerms);

    /// <summary>The distinct non-empty lexemes of space-separated analysed fields.</summary>
    public static string[] Lexemes(params string[] fields)
    {
        var lexemes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var term in field.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                lexemes.Add(Fit(term, out _));
            }
        }

        return [.. lexemes];
    }

    private static string Quote(QueryTerm term)
    {
        var text = Fit(term.Text, out var cut);
        var quoted = "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
        return term.Prefix || cut ? quoted + ":*" : quoted;
    }

    private static string Fit(string term, out bool cut)
    {
        cut = Encoding.UTF8.GetByteCount(term) > MaxLexemeBytes;
        if (!cut)
        {
            return term;
        }

        var length = term.Length;
        while (Encoding.UTF8.GetByteCount(term.AsSpan(0, length)) > MaxLexemeBytes || char.IsHighSurrogate(term[length - 1]))
        {
            length--;
        }

        return term[..length];
    }
}
