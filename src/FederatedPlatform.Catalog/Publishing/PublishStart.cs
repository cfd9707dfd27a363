namespace FederatedPlatform.Catalog.Publishing;

/// <summary>The hub's answer to a node's hello.</summary>
/// <param name="AppliedSeq">The highest node sequence number durably applied; the node resumes after it.</param>
/// <param name="ProducerEpoch">The center's current producer epoch (the hello's).</param>
/// <param name="HubEpoch">The hub database's identity.</param>
/// <param name="ResyncRequested">An operator asked for a full resync of this center.</param>
/// <param name="ResyncReason">Why, when requested.</param>
public sealed record PublishStart(ulong AppliedSeq, ulong ProducerEpoch, string HubEpoch, bool ResyncRequested, string? ResyncReason);
