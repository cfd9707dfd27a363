namespace FederatedPlatform.Search.Internal;

/// <summary>The position after the last hit of a page: its tier (0: all terms matched), raw engine rank, then record id.</summary>
internal readonly record struct PageKey(int Tier, double Rank, string CenterId, string LocalId);
