using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Matchmaking.Internal;

namespace FederatedPlatform.Search.Matchmaking;

/// <summary>
/// Ranks, for a need, the achievements of other centers that may answer it (and for an achievement,
/// the needs it may answer). Candidates come from the search index (an any-term query over the
/// source's most distinctive terms, restricted to the other kind, other centers and records not
/// closed); each is then scored on shared terms, sector, readiness, cooperation modes and
/// language/country fit, and explained.
/// <para>
/// Incremental recomputation: when a record changes, call <see cref="SuggestAsync"/> for it, then
/// for each record returned by <see cref="FindAffectedAsync"/> and each source whose stored
/// suggestions name it (see <see cref="MatchSuggestionTable"/>); when it is deleted, drop its rows and
/// recompute the sources that named it. Both read the index in the caller's transaction, so they can
/// run right after the change is applied.
/// </para>
/// </summary>
public sealed class Matchmaker
{
    private readonly ISearchIndex _index;
    private readonly MatchmakingOptions _options;
    private readonly MatchScorer _scorer;

    /// <summary>A matchmaker over <paramref name="index"/>, with the given options (validated here) or the defaults.</summary>
    public Matchmaker(ISearchIndex index, MatchmakingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
        _options = options ?? new MatchmakingOptions();
        _options.Validate();
        _scorer = new MatchScorer(_options);
    }

    /// <summary>The best suggestions for <paramref name="source"/>, best first (score, then target id); empty for a tombstone.</summary>
    public async Task<IReadOnlyList<MatchSuggestion>> SuggestAsync(
        Record source, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (terms, candidates) = await CandidatesAsync(source, connection, transaction, cancellationToken);
        return
        [
            .. candidates
                .Select(candidate => _scorer.Score(source, terms, candidate))
                .Where(s => s.Score >= _options.MinScore)
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.Target.Id.CenterId, StringComparer.Ordinal)
                .ThenBy(s => s.Target.Id.LocalId, StringComparer.Ordinal)
                .Take(_options.MaxSuggestions),
        ];
    }

    /// <summary>
    /// Records of the other kind whose suggestion lists may now include <paramref name="changed"/>:
    /// the same candidates <see cref="SuggestAsync"/> considers, since the text part of the score is shared.
    /// </summary>
    public async Task<IReadOnlyList<RecordId>> FindAffectedAsync(
        Record changed, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var (_, candidates) = await CandidatesAsync(changed, connection, transaction, cancellationToken);
        return [.. candidates.Select(c => c.Id)];
    }

    private async Task<(IReadOnlyDictionary<string, double> Terms, IReadOnlyList<Record> Candidates)> CandidatesAsync(
        Record source, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (source.Deleted || source.Kind is not (RecordKind.Need or RecordKind.Achievement))
        {
            return (new Dictionary<string, double>(), []);
        }

        var weights = RecordTerms.Of(source);
        var statistics = await _index.GetTermStatisticsAsync(weights.Keys, connection, transaction, cancellationToken);
        var terms = weights
            .Select(t => (Term: t.Key, Weight: t.Value * statistics.Idf(t.Key)))
            .OrderByDescending(t => t.Weight)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(_options.MaxSourceTerms)
            .ToDictionary(t => t.Term, t => t.Weight, StringComparer.Ordinal);
        if (terms.Count == 0)
        {
            return (terms, []);
        }

        var query = new SearchQuery
        {
            Terms = [.. terms.Keys],
            Matching = TermMatching.Any,
            Filter = new SearchFilter
            {
                Kinds = [source.Kind == RecordKind.Need ? RecordKind.Achievement : RecordKind.Need],
                ExcludedCenterIds = [source.Id.CenterId],
                Statuses = [RecordStatus.Open, RecordStatus.InNegotiation],
            },
            PageSize = _options.CandidatePool,
            IncludeFacets = false,
            IncludeSnippets = false,
        };
        var result = await _index.SearchAsync(query, connection, transaction, cancellationToken);
        return (terms, [.. result.Hits.Select(h => h.Record)]);
    }
}
