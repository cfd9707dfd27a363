namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>What one step of a replica index build did, and how many live records it indexed.</summary>
internal sealed record ReplicaIndexStep(ReplicaIndexStepKind Kind, long Indexed);

/// <summary>The outcome of one step of a replica index build.</summary>
internal enum ReplicaIndexStepKind
{
    /// <summary>No build is running: the index is complete.</summary>
    NoBuild,

    /// <summary>A build is waiting for the replica's snapshot to complete.</summary>
    WaitingForSnapshot,

    /// <summary>A chunk was indexed; more rows are left.</summary>
    Indexed,

    /// <summary>The last chunk was indexed: the build has just completed.</summary>
    Completed,
}
