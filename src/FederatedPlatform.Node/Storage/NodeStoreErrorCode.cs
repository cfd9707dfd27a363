namespace FederatedPlatform.Node.Storage;

/// <summary>Why the store refused a write or read; each maps to one gRPC status in the Node service.</summary>
public enum NodeStoreErrorCode
{
    /// <summary>A field is missing or out of its limits (INVALID_ARGUMENT); <see cref="NodeStoreException.Field"/> names it.</summary>
    InvalidArgument,

    /// <summary>The record belongs to another center (PERMISSION_DENIED).</summary>
    PermissionDenied,

    /// <summary>No live record with that id (NOT_FOUND).</summary>
    NotFound,

    /// <summary>The local id is taken, also by a deleted record (ALREADY_EXISTS).</summary>
    AlreadyExists,

    /// <summary>The stored version differs from the expected one (ABORTED).</summary>
    VersionMismatch,

    /// <summary>Not served yet; retrying later succeeds (UNAVAILABLE), e.g. search while the replica's index is built.</summary>
    Unavailable,
}
