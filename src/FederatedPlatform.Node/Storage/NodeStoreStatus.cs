namespace FederatedPlatform.Node.Storage;

/// <summary>The durable state of the store, read in one snapshot.</summary>
/// <param name="CenterId">The center this store belongs to.</param>
/// <param name="ProducerEpoch">The producer epoch of the running process.</param>
/// <param name="LastSeq">The highest node sequence number written to the outbox.</param>
/// <param name="AckedSeq">The highest node sequence number the hub acknowledged.</param>
/// <param name="OutboxLength">Changes written and not yet acknowledged.</param>
/// <param name="RejectedCount">Changes the hub rejected.</param>
/// <param name="ReplicaCursor">The replica's Watch cursor; empty before its first snapshot completed.</param>
/// <param name="ReplicaRecords">Live records in the replica.</param>
public sealed record NodeStoreStatus(
    string CenterId,
    ulong ProducerEpoch,
    ulong LastSeq,
    ulong AckedSeq,
    ulong OutboxLength,
    ulong RejectedCount,
    string ReplicaCursor,
    ulong ReplicaRecords);
