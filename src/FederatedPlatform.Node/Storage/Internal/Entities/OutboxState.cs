namespace FederatedPlatform.Node.Storage.Internal.Entities;

/// <summary>Where an outbox entry stands. Stored as its number: never renumber.</summary>
internal enum OutboxState
{
    /// <summary>Committed locally, not yet acknowledged by the hub.</summary>
    Pending = 0,

    /// <summary>Durably applied (or found to be a duplicate or replay) by the hub.</summary>
    Acked = 1,

    /// <summary>Refused by the hub; the rejection columns say why.</summary>
    Rejected = 2,
}
