using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>
/// Puts one record's new suggestion list into the pair rows: the record manages only its own side of
/// each pair (the need's ranking or the achievement's), so a pair stays suggested while either side
/// still ranks the other. A record that is gone clears its side of every pair naming it.
/// </summary>
internal static class SuggestionMerge
{
    public static void Apply(RecordKey source, Ranked ranked, Dictionary<PairKey, SuggestionRow> rows)
    {
        var kind = ranked.Record?.Kind ?? RecordKind.Unspecified;
        var listed = new HashSet<PairKey>();
        foreach (var suggestion in ranked.Suggestions)
        {
            var target = RecordKey.Of(suggestion.Target.Id);
            var asNeed = kind == RecordKind.Need;
            var key = asNeed
                ? new PairKey(source.CenterId, source.LocalId, target.CenterId, target.LocalId)
                : new PairKey(target.CenterId, target.LocalId, source.CenterId, source.LocalId);
            listed.Add(key);
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SuggestionRow { Key = key };
                rows[key] = row;
            }

            if (asNeed)
            {
                row.NeedScore = Round(suggestion.Score);
            }
            else
            {
                row.AchievementScore = Round(suggestion.Score);
            }

            var other = asNeed ? row.AchievementScore : row.NeedScore;
            if (other is null || Round(suggestion.Score) >= other)
            {
                row.Explanation = suggestion.Explanation;
                row.SharedTerms = suggestion.SharedTerms;
            }

            row.NeedTitle = DisplayTitle(asNeed ? ranked.Record! : suggestion.Target);
            row.AchievementTitle = DisplayTitle(asNeed ? suggestion.Target : ranked.Record!);
        }

        foreach (var row in rows.Values)
        {
            if (listed.Contains(row.Key))
            {
                continue;
            }

            if (row.Key.Need == source && kind is RecordKind.Need or RecordKind.Unspecified)
            {
                row.NeedScore = null;
            }

            if (row.Key.Achievement == source && kind is RecordKind.Achievement or RecordKind.Unspecified)
            {
                row.AchievementScore = null;
            }
        }

        foreach (var row in rows.Values)
        {
            if (row.NeedScore is not null || row.AchievementScore is not null)
            {
                row.Score = Math.Max(row.NeedScore ?? 0, row.AchievementScore ?? 0);
            }
        }
    }

    /// <summary>The English title when there is one, otherwise the first.</summary>
    public static string DisplayTitle(Record record) =>
        record.Title.TryGetValue("en", out var english) ? english : record.Title.Values.FirstOrDefault() ?? string.Empty;

    // Scores are compared between passes: a float recomputed identically must not look changed.
    private static double Round(double score) => Math.Round(score, 6);
}
