namespace FederatedPlatform.Catalog.Feed;

/// <summary>What a retention pass removed.</summary>
/// <param name="HorizonSeq">The retention horizon after the pass.</param>
/// <param name="ChangesRemoved">Change-log rows deleted (superseded versions and expired tombstones).</param>
/// <param name="TombstonesRemoved">Tombstones forgotten.</param>
public sealed record CompactionResult(ulong HorizonSeq, long ChangesRemoved, long TombstonesRemoved);
