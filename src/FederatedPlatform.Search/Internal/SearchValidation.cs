namespace FederatedPlatform.Search.Internal;

/// <summary>Checks of caller input that engines rely on, raised as <see cref="ArgumentException"/>.</summary>
internal static class SearchValidation
{
    /// <summary>The filter's languages as primary subtags; throws for a malformed tag.</summary>
    public static IReadOnlyList<string> Languages(SearchFilter filter) =>
        [.. filter.Languages.Select(tag => LanguageTags.Primary(tag)
            ?? throw new ArgumentException($"filter.languages: '{tag}' is not a language tag", nameof(filter))).Distinct()];

    public static void Trl(SearchFilter filter)
    {
        if (filter.MinTrl is < 1 or > 9 || filter.MaxTrl is < 1 or > 9)
        {
            throw new ArgumentException("filter.trl: readiness levels are 1 to 9", nameof(filter));
        }
    }
}
