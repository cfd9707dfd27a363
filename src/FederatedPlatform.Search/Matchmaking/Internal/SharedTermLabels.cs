using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Matchmaking.Internal;

/// <summary>
/// Names shared terms as the source record writes them: overlapping Han bigram spans merge back into
/// the word (海水 水淡 淡化 to 海水淡化), Arabic and Latin stems show as the written word.
/// </summary>
internal static class SharedTermLabels
{
    public static IReadOnlyList<string> Of(Record source, IReadOnlyDictionary<string, double> sharedWeights, int count)
    {
        if (count == 0 || sharedWeights.Count == 0)
        {
            return [];
        }

        var labels = new List<(string Label, double Weight)>();
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in RecordTerms.Texts(source))
        {
            var tokens = TextAnalyzer.Tokenize(text);
            var i = 0;
            while (i < tokens.Count)
            {
                if (!sharedWeights.ContainsKey(tokens[i].Term))
                {
                    i++;
                    continue;
                }

                // Merge overlapping spans (a Han run's bigrams) into one phrase.
                var start = tokens[i].Start;
                var end = tokens[i].End;
                var terms = new List<string> { tokens[i].Term };
                for (i++; i < tokens.Count && tokens[i].Start < end && sharedWeights.ContainsKey(tokens[i].Term); i++)
                {
                    end = Math.Max(end, tokens[i].End);
                    terms.Add(tokens[i].Term);
                }

                var fresh = terms.Where(t => !labelled.Contains(t)).ToList();
                var label = text[start..end];
                if (fresh.Count > 0 && seen.Add(label.ToLowerInvariant()))
                {
                    labelled.UnionWith(terms);
                    labels.Add((label, fresh.Sum(t => sharedWeights[t])));
                }
            }
        }

        return [.. labels.OrderByDescending(l => l.Weight).ThenBy(l => l.Label, StringComparer.Ordinal).Take(count).Select(l => l.Label)];
    }
}
