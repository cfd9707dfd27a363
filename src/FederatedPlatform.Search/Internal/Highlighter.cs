using System.Text;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// Finds where analysed query terms occur in an original text (by analysing it with spans) and wraps
/// those spans in markers; cuts a summary to a window around the densest matches. Overlapping Han
/// bigram spans merge, so 海水淡化 is marked once, as written.
/// </summary>
internal sealed class Highlighter(SearchIndexOptions options)
{
    /// <summary>Words of context kept before the first match of a snippet window, as a share of its length.</summary>
    private const int LeadDivisor = 4;

    /// <summary>How far a window edge may move to land on a space.</summary>
    private const int BoundarySearch = 15;

    /// <summary>Tokens of <paramref name="text"/> whose term is in <paramref name="terms"/>, in text order.</summary>
    public static List<AnalyzedToken> Matches(string text, TermMatcher terms)
    {
        var matches = new List<AnalyzedToken>();
        foreach (var token in TextAnalyzer.Tokenize(text, AnalysisMode.Index))
        {
            if (terms.Matches(token.Term))
            {
                matches.Add(token);
            }
        }

        return matches;
    }

    /// <summary>Distinct query terms found in the matches.</summary>
    public static int DistinctTerms(List<AnalyzedToken> matches) => matches.Select(m => m.Term).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The whole text with its matches marked.</summary>
    public string Mark(string text, List<AnalyzedToken> matches) => Render(text, matches, 0, text.Length);

    /// <summary>A window of at most the snippet length around the densest matches, marked.</summary>
    public string Snippet(string text, List<AnalyzedToken> matches)
    {
        var length = options.SnippetLength;
        if (text.Length <= length)
        {
            return Render(text, matches, 0, text.Length);
        }

        var start = BestWindowStart(text.Length, matches, length);
        if (start > 0)
        {
            start = MoveToBoundary(text, start, forward: true);
        }

        var end = Math.Min(text.Length, start + length);
        if (end < text.Length)
        {
            end = MoveToBoundary(text, end, forward: false);
        }

        var rendered = Render(text, matches, start, end);
        return (start > 0 ? options.Ellipsis : string.Empty) + rendered + (end < text.Length ? options.Ellipsis : string.Empty);
    }

    private static int BestWindowStart(int textLength, List<AnalyzedToken> matches, int length)
    {
        var best = 0;
        var bestCount = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in matches)
        {
            var start = Math.Clamp(anchor.Start - (length / LeadDivisor), 0, Math.Max(0, textLength - length));
            var end = start + length;
            seen.Clear();
            foreach (var match in matches)
            {
                if (match.Start >= start && match.End <= end)
                {
                    seen.Add(match.Term);
                }
            }

            if (seen.Count > bestCount)
            {
                bestCount = seen.Count;
                best = start;
            }
        }

        return best;
    }

    /// <summary>Moves a cut to a nearby space (Latin, Arabic, Cyrillic text) and never between a surrogate pair.</summary>
    private static int MoveToBoundary(string text, int at, bool forward)
    {
        for (var step = 0; step < BoundarySearch; step++)
        {
            var i = forward ? at + step : at - step;
            if (i <= 0 || i >= text.Length)
            {
                break;
            }

            if (char.IsWhiteSpace(text[i - 1]) != char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return char.IsLowSurrogate(text[at]) ? at - 1 : at;
    }

    private string Render(string text, List<AnalyzedToken> matches, int start, int end)
    {
        var builder = new StringBuilder(end - start + 16);
        var position = start;
        var i = 0;
        while (i < matches.Count)
        {
            var spanStart = matches[i].Start;
            var spanEnd = matches[i].End;
            for (i++; i < matches.Count && matches[i].Start <= spanEnd; i++)
            {
                spanEnd = Math.Max(spanEnd, matches[i].End);
            }

            spanStart = Math.Max(spanStart, position);
            spanEnd = Math.Min(spanEnd, end);
            if (spanStart >= spanEnd)
            {
                continue;
            }

            builder.Append(text, position, spanStart - position)
                .Append(options.HighlightStart)
                .Append(text, spanStart, spanEnd - spanStart)
                .Append(options.HighlightEnd);
            position = spanEnd;
        }

        return builder.Append(text, position, end - position).ToString();
    }
}
