namespace FederatedPlatform.Search.Protocol;

/// <summary>A search request that cannot run: <see cref="Field"/> names the offending request field.</summary>
public sealed class SearchRequestException(string field, string reason) : Exception($"{field}: {reason}")
{
    /// <summary>The request field, e.g. "page_token" or "countries[1]".</summary>
    public string Field { get; } = field;

    /// <summary>Why it was refused.</summary>
    public string Reason { get; } = reason;
}
