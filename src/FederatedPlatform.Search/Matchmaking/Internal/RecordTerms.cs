using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Matchmaking.Internal;

/// <summary>A record's analysed terms, each with the weight of the most important field it appears in.</summary>
internal static class RecordTerms
{
    public const double Title = 3;
    public const double Keywords = 2;
    public const double Summary = 1;

    public static Dictionary<string, double> Of(Record record)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in record.Title.Values)
        {
            Add(terms, text, Title);
        }

        foreach (var keyword in record.Keywords)
        {
            Add(terms, keyword, Keywords);
        }

        foreach (var text in record.Summary.Values)
        {
            Add(terms, text, Summary);
        }

        return terms;
    }

    /// <summary>The original texts in the order their phrases make the best labels: keywords, titles, summaries.</summary>
    public static IEnumerable<string> Texts(Record record) => record.Keywords.Concat(record.Title.Values).Concat(record.Summary.Values);

    private static void Add(Dictionary<string, double> terms, string text, double weight)
    {
        foreach (var term in TextAnalyzer.Terms(text))
        {
            terms[term] = Math.Max(weight, terms.GetValueOrDefault(term));
        }
    }
}
