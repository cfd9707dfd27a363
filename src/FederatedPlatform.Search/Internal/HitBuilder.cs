using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// Turns a stored hit into a <see cref="SearchHit"/>: picks the language whose title and summary hold
/// the most distinct query terms (title counted double) and highlights them there.
/// </summary>
internal sealed class HitBuilder(Highlighter highlighter)
{
    public SearchHit Build(StoredHit stored, TermMatcher terms, SearchFilter filter, bool withSnippets)
    {
        var record = Record.Parser.ParseFrom(stored.Payload);
        var score = stored.Rank == 0 ? 0 : -stored.Rank;
        var tags = record.Title.Keys.Concat(record.Summary.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string? bestTag = null;
        var bestScore = 0;
        List<AnalyzedToken> titleMatches = [];
        List<AnalyzedToken> summaryMatches = [];
        foreach (var tag in tags)
        {
            var title = Highlighter.Matches(record.Title.GetValueOrDefault(tag, string.Empty), terms);
            var summary = Highlighter.Matches(record.Summary.GetValueOrDefault(tag, string.Empty), terms);
            var tagScore = (2 * Highlighter.DistinctTerms(title)) + Highlighter.DistinctTerms(summary);
            if (tagScore > bestScore)
            {
                bestScore = tagScore;
                bestTag = tag;
                titleMatches = title;
                summaryMatches = summary;
            }
        }

        bestTag ??= Fallback(tags, filter);
        var titleText = record.Title.GetValueOrDefault(bestTag, string.Empty);
        var summaryText = record.Summary.GetValueOrDefault(bestTag, string.Empty);
        if (!withSnippets)
        {
            return new SearchHit
            {
                Record = record, Score = score, MatchesAllTerms = stored.Tier == 0, Language = bestTag, Title = titleText, Snippet = string.Empty,
            };
        }

        return new SearchHit
        {
            Record = record,
            Score = score,
            MatchesAllTerms = stored.Tier == 0,
            Language = bestTag,
            Title = highlighter.Mark(titleText, titleMatches),
            Snippet = highlighter.Snippet(summaryText, summaryMatches),
        };
    }

    /// <summary>Without matches in any title or summary: a filtered language, else English, else the first tag.</summary>
    private static string Fallback(List<string> tags, SearchFilter filter)
    {
        foreach (var wanted in filter.Languages)
        {
            var tag = tags.FirstOrDefault(t => LanguageTags.Primary(t) == LanguageTags.Primary(wanted));
            if (tag is not null)
            {
                return tag;
            }
        }

        return tags.FirstOrDefault(t => LanguageTags.Primary(t) == "en") ?? tags.FirstOrDefault() ?? string.Empty;
    }
}
