namespace FederatedPlatform.Search.Internal;

/// <summary>
/// BM25 over the three weighted fields, computed the way SQLite FTS5's bm25() does (k1 1.2, b 0.75;
/// a term's frequency is the weighted sum of its occurrences per field; the document length is its
/// terms over all fields; idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6), but from document
/// frequencies the writer maintains instead of walking every posting list on every query.
/// </summary>
internal sealed class Bm25Scorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly IReadOnlyList<QueryTerm> _terms;
    private readonly double[] _idf;
    private readonly double _averageLength;
    private readonly FieldWeights _weights;

    public Bm25Scorer(IReadOnlyList<QueryTerm> terms, CorpusStatistics statistics, FieldWeights weights)
    {
        _terms = terms;
        _weights = weights;
        var n = Math.Max(1, statistics.Documents);
        _averageLength = statistics.Tokens > 0 ? (double)statistics.Tokens / n : 1.0;
        _idf = new double[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            var df = statistics.DocumentFrequencies[i];
            var idf = Math.Log((n - df + 0.5) / (df + 0.5));
            _idf[i] = idf <= 0 ? 1e-6 : idf;
        }
    }

    /// <summary>The score (higher is better) and whether the document holds every term.</summary>
    public (double Score, bool AllTerms) Score(string title, string keywords, string summary)
    {
        var length = TermCounts.Tokens(title) + TermCounts.Tokens(keywords) + TermCounts.Tokens(summary);
        var norm = K1 * (1 - B + (B * length / _averageLength));
        var score = 0.0;
        var all = true;
        for (var i = 0; i < _terms.Count; i++)
        {
            var term = _terms[i];
            var frequency = (_weights.Title * TermCounts.Occurrences(title, term))
                + (_weights.Keywords * TermCounts.Occurrences(keywords, term))
                + (_weights.Summary * TermCounts.Occurrences(summary, term));
            if (frequency == 0)
            {
                all = false;
                continue;
            }

            score += _idf[i] * (frequency * (K1 + 1.0)) / (frequency + norm);
        }

        return (score, all);
    }
}
