using FederatedPlatform.Catalog.Feed;

namespace FederatedPlatform.Catalog.Publishing;

/// <summary>The end of a resync: either the sweep was committed, or nothing was deleted.</summary>
/// <param name="Matched">Count and digest agreed, the sweep is committed.</param>
/// <param name="NodeCount">The count the node announced.</param>
/// <param name="HubCount">The number of records the hub received.</param>
/// <param name="NodeDigest">The digest the node announced.</param>
/// <param name="HubDigest">The digest of what the hub received.</param>
/// <param name="AppliedSeq">The center's applied node sequence number afterwards.</param>
/// <param name="Committed">The tombstones the sweep wrote, in catalog order.</param>
public sealed record ResyncResult(
    bool Matched, ulong NodeCount, ulong HubCount, string NodeDigest, string HubDigest, ulong AppliedSeq, IReadOnlyList<CatalogChange> Committed)
{
    /// <summary>Live records of the center that the snapshot did not contain and that were deleted.</summary>
    public int Deleted => Committed.Count;
}
