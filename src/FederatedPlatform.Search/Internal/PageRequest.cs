namespace FederatedPlatform.Search.Internal;

/// <summary>One page to read from an engine: terms (none: list by record id), how they combine, the filter and the keyset position.</summary>
internal sealed record PageRequest(
    IReadOnlyList<QueryTerm> Terms,
    TermMatching Matching,
    SearchFilter Filter,
    PageKey? After,
    int Limit);
