using System.Data.Common;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// One page of a text query: reads candidates from the store, ranks them with <see cref="Bm25Scorer"/>,
/// orders them by tier (every term first when terms combine as all-then-any), rank and record id, and
/// loads the stored records of the page only. When more records match than the rank window, candidates
/// are the newest records with every term (up to the window) and, when those are fewer, the newest
/// records with any term (up to the window); ranking is then within that set (the result says so) and
/// paging ends with it.
/// </summary>
/// <remarks>
/// The every-term read asks the store for the documents holding the <see cref="IntersectedTerms"/> rarest
/// terms (by the document frequencies the statistics give), not every term, and the scorer tells which
/// candidates hold them all. FTS5 advances every listed term's list in step, so a query of many common
/// terms (a three-word Chinese query is nine or ten overlapping bigrams) cost 7–14 ms at a million records
/// even when nothing held them all; its three rarest bound the intersection and take 1–2.5 ms. The
/// candidates are then the newest documents holding those three; the window and the result's
/// <see cref="SearchResult.RankedWithinWindow"/> count them.
/// </remarks>
internal sealed class RankedPageReader(ISearchStore store, FieldWeights weights, int rankWindow)
{
    /// <summary>How many of a query's terms the every-term read intersects in the store.</summary>
    public const int IntersectedTerms = 3;

    public async Task<(IReadOnlyList<StoredHit> Hits, bool Windowed)> ReadAsync(
        DbConnection connection, DbTransaction? transaction, PageRequest request, CancellationToken cancellationToken)
    {
        var statistics = await store.ReadStatisticsAsync(connection, transaction, request.Terms, cancellationToken);
        var scorer = new Bm25Scorer(request.Terms, statistics, weights);
        var all = request.Matching == TermMatching.All;
        var tiered = request.Matching == TermMatching.AllThenAny && request.Terms.Count > 1;
        var candidates = new Dictionary<long, Candidate>();
        var rarest = Rarest(request.Terms, statistics);
        async Task<int> ReadAsync(CandidateScope scope)
        {
            // One more than the window tells whether the window held every match.
            var terms = scope == CandidateScope.AllTerms ? rarest : request.Terms;
            var read = await store.ReadCandidatesAsync(connection, transaction, terms, scope, request.Filter, OneMore(rankWindow), cancellationToken);
            foreach (var candidate in read.Take(rankWindow))
            {
                candidates.TryAdd(candidate.DocId, candidate);
            }

            return read.Count;
        }

        // Records with every term rank first, so when there are a window's worth of them the others cannot reach the window.
        bool windowed;
        if (all || tiered)
        {
            windowed = await ReadAsync(CandidateScope.AllTerms) > rankWindow;
            if (!windowed && !all)
            {
                windowed = await ReadAsync(CandidateScope.AnyTerm) > rankWindow;
            }
        }
        else
        {
            windowed = await ReadAsync(CandidateScope.AnyTerm) > rankWindow;
        }

        var ranked = new List<(int Tier, double Rank, Candidate Candidate)>(candidates.Count);
        foreach (var candidate in candidates.Values)
        {
            var (score, allTerms) = scorer.Score(candidate.Title, candidate.Keywords, candidate.Summary);
            if (all && !allTerms)
            {
                // Holds the rarest terms only.
                continue;
            }

            var key = (Tier: tiered && !allTerms ? 1 : 0, Rank: -score, candidate);
            if (request.After is not { } after || Compare(key.Tier, key.Rank, candidate, after) > 0)
            {
                ranked.Add(key);
            }
        }

        ranked.Sort((x, y) => Compare(x.Tier, x.Rank, x.Candidate, new PageKey(y.Tier, y.Rank, y.Candidate.CenterId, y.Candidate.LocalId)));
        var page = ranked.Take(request.Limit).ToList();
        var payloads = await store.ReadPayloadsAsync(connection, transaction, [.. page.Select(p => p.Candidate.DocId)], cancellationToken);
        return ([.. page.Select(p => new StoredHit(p.Candidate.CenterId, p.Candidate.LocalId, p.Tier, p.Rank, payloads[p.Candidate.DocId]))], windowed);
    }

    /// <summary>The <see cref="IntersectedTerms"/> terms held by the fewest documents, or all of them when there are no more.</summary>
    private static IReadOnlyList<QueryTerm> Rarest(IReadOnlyList<QueryTerm> terms, CorpusStatistics statistics) =>
        terms.Count <= IntersectedTerms
            ? terms
            : [.. terms.Select((term, i) => (term, docs: statistics.DocumentFrequencies[i])).OrderBy(t => t.docs).Take(IntersectedTerms).Select(t => t.term)];

    public static int OneMore(int window) => window == int.MaxValue ? window : window + 1;

    private static int Compare(int tier, double rank, Candidate candidate, PageKey other)
    {
        var order = tier.CompareTo(other.Tier);
        if (order == 0)
        {
            order = rank.CompareTo(other.Rank);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(candidate.CenterId, other.CenterId);
        }

        return order != 0 ? order : string.CompareOrdinal(candidate.LocalId, other.LocalId);
    }
}
