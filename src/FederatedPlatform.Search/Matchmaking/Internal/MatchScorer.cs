using System.Globalization;
using System.Text;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal;

namespace FederatedPlatform.Search.Matchmaking.Internal;

/// <summary>Scores one source/target pair and explains the score.</summary>
internal sealed class MatchScorer(MatchmakingOptions options)
{
    /// <summary>Modes that mean a need wants to put a technology to work now, so readiness matters.</summary>
    private static readonly CooperationMode[] DeploymentModes =
        [CooperationMode.Licensing, CooperationMode.Assignment, CooperationMode.TechnicalService, CooperationMode.Investment];

    /// <param name="source">The record suggestions are for.</param>
    /// <param name="sourceTerms">The selected source terms with weight × IDF.</param>
    /// <param name="target">A candidate of the other kind.</param>
    public MatchSuggestion Score(Record source, IReadOnlyDictionary<string, double> sourceTerms, Record target)
    {
        var targetTerms = RecordTerms.Of(target);
        var shared = sourceTerms.Where(t => targetTerms.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var total = sourceTerms.Values.Sum();
        var text = total == 0 ? 0 : shared.Values.Sum() / total;

        var sameSector = source.Sector == target.Sector && source.Sector != Sector.Unspecified;
        var need = source.Kind == RecordKind.Need ? source : target;
        var achievement = source.Kind == RecordKind.Need ? target : source;
        var trl = (int)(achievement.Achievement?.Trl ?? 0);
        var modes = source.CooperationModes.Intersect(target.CooperationModes).Order().ToList();
        var languages = LanguageTags.Of(source).Intersect(LanguageTags.Of(target)).Where(l => l != "en").ToList();
        var sameCountry = string.Equals(source.Country, target.Country, StringComparison.OrdinalIgnoreCase);

        var score = (options.TextWeight * text)
            + (options.SectorWeight * (sameSector ? 1 : 0))
            + (options.ReadinessWeight * Readiness(trl, need))
            + (options.ModeWeight * (modes.Count > 0 ? 1 : 0))
            + (options.FitWeight * (languages.Count > 0 || sameCountry ? 1 : 0));

        var labels = SharedTermLabels.Of(source, shared, options.ExplainedTerms);
        var modeCodes = modes.Select(EnumCodes.Of).ToList();
        var stored = target.Clone();
        stored.Contact = null;
        return new MatchSuggestion
        {
            Source = source.Id,
            Target = stored,
            Score = Math.Round(score, 6),
            Explanation = Explain(labels, sameSector ? EnumCodes.Of(source.Sector) : null, trl, modeCodes, languages, sameCountry ? target.Country : null),
            SharedTerms = labels,
            SharedModes = modeCodes,
            SharedLanguages = languages,
        };
    }

    /// <summary>0–1. A need asking for licensing, assignment, service or investment wants TRL 7+; research partners care less.</summary>
    private static double Readiness(int trl, Record need)
    {
        if (trl == 0)
        {
            return 0;
        }

        if (!need.CooperationModes.Intersect(DeploymentModes).Any())
        {
            return 0.6;
        }

        return trl switch
        {
            >= 7 => 1.0,
            6 => 0.8,
            5 => 0.5,
            4 => 0.3,
            _ => 0.1,
        };
    }

    private static string Explain(
        IReadOnlyList<string> labels, string? sector, int trl, List<string> modes, List<string> languages, string? country)
    {
        var parts = new List<string>();
        if (labels.Count > 0)
        {
            parts.Add("shared terms: " + string.Join(", ", labels));
        }

        if (sector is not null)
        {
            parts.Add("same sector: " + sector);
        }

        if (trl > 0)
        {
            parts.Add("TRL " + trl.ToString(CultureInfo.InvariantCulture));
        }

        if (modes.Count > 0)
        {
            parts.Add("modes: " + string.Join(", ", modes));
        }

        if (languages.Count > 0)
        {
            parts.Add("languages: " + string.Join(", ", languages));
        }

        if (country is not null)
        {
            parts.Add("same country: " + country);
        }

        return new StringBuilder().AppendJoin("; ", parts).ToString();
    }
}
