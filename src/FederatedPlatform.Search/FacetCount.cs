namespace FederatedPlatform.Search;

/// <summary>
/// How many records matching the query have one value of a field. Counts for a field apply every
/// filter except the one on that field itself, so they show what choosing another value would give.
/// </summary>
/// <param name="Value">The value's text code (see <see cref="FacetField"/>).</param>
/// <param name="Count">Matching records.</param>
public readonly record struct FacetCount(string Value, long Count);
