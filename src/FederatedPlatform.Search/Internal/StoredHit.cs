namespace FederatedPlatform.Search.Internal;

/// <summary>A hit as read from an engine: tier (0 when it has every term), raw rank (lower is better, 0 without text) and the stored record.</summary>
internal sealed record StoredHit(string CenterId, string LocalId, int Tier, double Rank, byte[] Payload);
