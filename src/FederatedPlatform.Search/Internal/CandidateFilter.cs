namespace FederatedPlatform.Search.Internal;

/// <summary>
/// A query's filter as its candidate reads apply it, chosen once per query by the store
/// (<see cref="ISearchStore.PlanFilterAsync"/>): joined to each matching document, or, for a selective
/// filter, its documents collected first and each match tested against them.
/// </summary>
internal sealed record CandidateFilter(SearchFilter Filter, bool FilterFirst);
