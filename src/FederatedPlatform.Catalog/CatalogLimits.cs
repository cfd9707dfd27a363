namespace FederatedPlatform.Catalog;

/// <summary>
/// The limits every record, center and filter is checked against. Bound from configuration by the
/// hub and the node; the defaults below are what protos/fedplat/v1/records.proto documents.
/// Text lengths are counted in Unicode code points.
/// </summary>
public sealed class CatalogLimits
{
    /// <summary>Maximum length of a center id. Default 64.</summary>
    public int MaxCenterIdLength { get; set; } = 64;

    /// <summary>Maximum length of a record's local id. Default 128.</summary>
    public int MaxLocalIdLength { get; set; } = 128;

    /// <summary>Maximum number of languages in a title, summary or center name map. Default 12.</summary>
    public int MaxLanguages { get; set; } = 12;

    /// <summary>Maximum length of a language tag such as <c>zh-Hans</c>. Default 35.</summary>
    public int MaxLanguageTagLength { get; set; } = 35;

    /// <summary>Maximum length of a title in one language. Default 300.</summary>
    public int MaxTitleLength { get; set; } = 300;

    /// <summary>Maximum length of a summary in one language. Default 5000.</summary>
    public int MaxSummaryLength { get; set; } = 5000;

    /// <summary>Maximum number of keywords. Default 30.</summary>
    public int MaxKeywords { get; set; } = 30;

    /// <summary>Maximum length of one keyword. Default 64.</summary>
    public int MaxKeywordLength { get; set; } = 64;

    /// <summary>Maximum length of the organisation. Default 200.</summary>
    public int MaxOrganizationLength { get; set; } = 200;

    /// <summary>Maximum length of the contact's name. Default 100.</summary>
    public int MaxContactNameLength { get; set; } = 100;

    /// <summary>Maximum length of the contact's e-mail address. Default 254 (RFC 5321).</summary>
    public int MaxContactEmailLength { get; set; } = 254;

    /// <summary>Maximum length of the contact's phone number. Default 32.</summary>
    public int MaxContactPhoneLength { get; set; } = 32;

    /// <summary>Largest budget amount accepted, in whole currency units. Default 10^15.</summary>
    public long MaxBudgetAmount { get; set; } = 1_000_000_000_000_000;

    /// <summary>Largest serialized record, in bytes. Default 65,536.</summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>Maximum length of a center's display name in one language. Default 200.</summary>
    public int MaxCenterNameLength { get; set; } = 200;

    /// <summary>Maximum length of a credential's description. Default 200.</summary>
    public int MaxDescriptionLength { get; set; } = 200;

    /// <summary>Maximum number of values in one field of a record filter. Default 100.</summary>
    public int MaxFilterValues { get; set; } = 100;

    /// <summary>Checks that the limits themselves make sense; called once at start.</summary>
    /// <exception cref="InvalidOperationException">A limit is not positive.</exception>
    public void EnsureValid()
    {
        Span<(string Name, long Value)> limits =
        [
            (nameof(MaxCenterIdLength), MaxCenterIdLength), (nameof(MaxLocalIdLength), MaxLocalIdLength),
            (nameof(MaxLanguages), MaxLanguages), (nameof(MaxLanguageTagLength), MaxLanguageTagLength),
            (nameof(MaxTitleLength), MaxTitleLength), (nameof(MaxSummaryLength), MaxSummaryLength),
            (nameof(MaxKeywords), MaxKeywords), (nameof(MaxKeywordLength), MaxKeywordLength),
            (nameof(MaxOrganizationLength), MaxOrganizationLength), (nameof(MaxContactNameLength), MaxContactNameLength),
            (nameof(MaxContactEmailLength), MaxContactEmailLength), (nameof(MaxContactPhoneLength), MaxContactPhoneLength),
            (nameof(MaxBudgetAmount), MaxBudgetAmount), (nameof(MaxRecordBytes), MaxRecordBytes),
            (nameof(MaxCenterNameLength), MaxCenterNameLength), (nameof(MaxDescriptionLength), MaxDescriptionLength),
            (nameof(MaxFilterValues), MaxFilterValues),
        ];
        foreach (var (name, value) in limits)
        {
            if (value <= 0)
            {
                throw new InvalidOperationException($"CatalogLimits.{name} must be positive, not {value}.");
            }
        }
    }
}
