namespace FederatedPlatform.Search.Internal;

/// <summary>The position after the last hit of a page: its raw engine rank, then its record id.</summary>
internal readonly record struct PageKey(double Rank, string CenterId, string LocalId);
