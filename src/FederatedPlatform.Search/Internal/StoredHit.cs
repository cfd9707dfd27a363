namespace FederatedPlatform.Search.Internal;

/// <summary>A hit as read from an engine: raw rank (lower is better, 0 without text) and the stored record.</summary>
internal sealed record StoredHit(string CenterId, string LocalId, double Rank, byte[] Payload);
