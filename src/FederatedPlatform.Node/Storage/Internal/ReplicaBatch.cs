using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// Watch events applied to the replica in one transaction, with the cursor of the last one.
/// <paramref name="BeginsSnapshot"/> marks the first batch of a stream opened without a cursor.
/// </summary>
internal sealed record ReplicaBatch(bool BeginsSnapshot, IReadOnlyList<WatchEvent> Events);
