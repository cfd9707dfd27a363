namespace FederatedPlatform.Search.Internal;

/// <summary>A matching document to rank: its ids and its analysed fields in the stored form ("a b c ").</summary>
internal sealed record Candidate(long DocId, string CenterId, string LocalId, string Title, string Keywords, string Summary);
