using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search;

/// <summary>One matching record, with its title and a summary excerpt highlighted in the language that matched best.</summary>
public sealed record SearchHit
{
    /// <summary>The record as indexed, without its contact (which only operators and the owner may see).</summary>
    public required Record Record { get; init; }

    /// <summary>Relevance: higher is better (negated BM25); 0 when the query has no text.</summary>
    public required double Score { get; init; }

    /// <summary>Whether the record contains every query term (always true for a one-term or empty query).</summary>
    public required bool MatchesAllTerms { get; init; }

    /// <summary>The language tag of <see cref="Title"/> and <see cref="Snippet"/>.</summary>
    public required string Language { get; init; }

    /// <summary>The title in <see cref="Language"/>, matches wrapped in the index's highlight markers.</summary>
    public required string Title { get; init; }

    /// <summary>An excerpt of the summary in <see cref="Language"/> around the matches, highlighted; empty when there is no summary.</summary>
    public required string Snippet { get; init; }
}
