namespace FederatedPlatform.Search.Matchmaking;

/// <summary>Weights and limits of matchmaking. The score is the weighted sum of five parts, each 0–1.</summary>
public sealed class MatchmakingOptions
{
    /// <summary>Weight of shared terms (IDF-weighted share of the source's terms found in the target). Default 0.6.</summary>
    public double TextWeight { get; set; } = 0.6;

    /// <summary>Weight of being in the same sector. Default 0.2.</summary>
    public double SectorWeight { get; set; } = 0.2;

    /// <summary>Weight of the achievement's readiness level (higher is better when the need asks for deployment). Default 0.1.</summary>
    public double ReadinessWeight { get; set; } = 0.1;

    /// <summary>Weight of sharing a cooperation mode. Default 0.05.</summary>
    public double ModeWeight { get; set; } = 0.05;

    /// <summary>Weight of sharing a working language other than English, or the country. Default 0.05.</summary>
    public double FitWeight { get; set; } = 0.05;

    /// <summary>Candidates read from the index per record before scoring, 1–100. Default 100.</summary>
    public int CandidatePool { get; set; } = 100;

    /// <summary>Suggestions kept per record. Default 10.</summary>
    public int MaxSuggestions { get; set; } = 10;

    /// <summary>Suggestions scoring below this are dropped. Default 0.15.</summary>
    public double MinScore { get; set; } = 0.15;

    /// <summary>The source's most distinctive terms (field weight × IDF) used to find candidates. Default 48.</summary>
    public int MaxSourceTerms { get; set; } = 48;

    /// <summary>Shared terms named in an explanation. Default 4.</summary>
    public int ExplainedTerms { get; set; } = 4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting outside its range.</summary>
    public void Validate()
    {
        foreach (var (weight, name) in new[]
        {
            (TextWeight, nameof(TextWeight)), (SectorWeight, nameof(SectorWeight)), (ReadinessWeight, nameof(ReadinessWeight)),
            (ModeWeight, nameof(ModeWeight)), (FitWeight, nameof(FitWeight)),
        })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, name);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CandidatePool, nameof(CandidatePool));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CandidatePool, 100, nameof(CandidatePool));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSuggestions, nameof(MaxSuggestions));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSourceTerms, nameof(MaxSourceTerms));
        ArgumentOutOfRangeException.ThrowIfNegative(ExplainedTerms, nameof(ExplainedTerms));
    }
}
