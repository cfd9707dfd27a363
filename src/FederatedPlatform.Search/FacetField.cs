namespace FederatedPlatform.Search;

/// <summary>A filter field that search results are counted by.</summary>
public enum FacetField
{
    /// <summary>Values "achievement", "need".</summary>
    Kind,

    /// <summary>Sector text codes, e.g. "water_saving".</summary>
    Sector,

    /// <summary>ISO 3166-1 alpha-2 codes, e.g. "OM".</summary>
    Country,

    /// <summary>Center ids, e.g. "cn-om".</summary>
    Center,

    /// <summary>Values "open", "in_negotiation", "closed".</summary>
    Status,

    /// <summary>Primary language subtags, e.g. "ar"; a record counts once per language it carries.</summary>
    Language,

    /// <summary>Readiness levels "1" to "9" (achievements only).</summary>
    Trl,
}
