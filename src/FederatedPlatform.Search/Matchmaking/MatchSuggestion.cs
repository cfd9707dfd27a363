using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Matchmaking;

/// <summary>A record of the other kind, from another center, that may answer the source record.</summary>
public sealed record MatchSuggestion
{
    /// <summary>The record suggestions were computed for.</summary>
    public required RecordId Source { get; init; }

    /// <summary>The suggested record (contact removed).</summary>
    public required Record Target { get; init; }

    /// <summary>0–1, higher is better: the weighted sum described by <see cref="MatchmakingOptions"/>.</summary>
    public required double Score { get; init; }

    /// <summary>Why it matched, for people: "shared terms: 海水淡化, desalination; same sector: desalination; TRL 7; modes: licensing".</summary>
    public required string Explanation { get; init; }

    /// <summary>The shared terms as written in the source record, most distinctive first.</summary>
    public required IReadOnlyList<string> SharedTerms { get; init; }

    /// <summary>Cooperation modes both records accept, as text codes.</summary>
    public required IReadOnlyList<string> SharedModes { get; init; }

    /// <summary>Languages both records are written in, English aside.</summary>
    public required IReadOnlyList<string> SharedLanguages { get; init; }
}
