namespace FederatedPlatform.Search.Internal;

/// <summary>
/// Counting in the stored form of analysed text: terms each followed by one space ("a b c "), as
/// <see cref="Analysis.TextAnalyzer.AppendTerms"/> writes them.
/// </summary>
internal static class TermCounts
{
    /// <summary>Terms in the field.</summary>
    public static int Tokens(ReadOnlySpan<char> field) => field.Count(' ');

    /// <summary>Occurrences of the term in the field (terms starting with it, for a prefix).</summary>
    public static int Occurrences(ReadOnlySpan<char> field, QueryTerm term)
    {
        var count = 0;
        var at = 0;
        var text = term.Text.AsSpan();
        while (at < field.Length)
        {
            var found = field[at..].IndexOf(text, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            var start = at + found;
            var end = start + text.Length;
            var atTermStart = start == 0 || field[start - 1] == ' ';
            var atTermEnd = end < field.Length && field[end] == ' ';
            if (atTermStart && (term.Prefix || atTermEnd))
            {
                count++;
            }

            at = end;
        }

        return count;
    }

    /// <summary>The distinct terms of the stored fields.</summary>
    public static HashSet<string> Distinct(params ReadOnlySpan<string> fields)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var range in field.AsSpan().Split(' '))
            {
                if (range.End.Value > range.Start.Value)
                {
                    terms.Add(field[range]);
                }
            }
        }

        return terms;
    }
}
