namespace FederatedPlatform.Catalog;

/// <summary>Why a catalog operation was refused; each maps to one gRPC status in the services.</summary>
public enum CatalogErrorCode
{
    /// <summary>A request field is invalid (INVALID_ARGUMENT); the message names the field.</summary>
    InvalidArgument,

    /// <summary>The center is not registered (NOT_FOUND).</summary>
    CenterNotFound,

    /// <summary>The center id is already registered (ALREADY_EXISTS).</summary>
    CenterExists,

    /// <summary>The credential does not exist (NOT_FOUND).</summary>
    CredentialNotFound,

    /// <summary>A newer producer epoch of the center has said hello (FAILED_PRECONDITION or ABORTED).</summary>
    EpochFenced,

    /// <summary>Resync records or end arrived without a resync begin (FAILED_PRECONDITION).</summary>
    ResyncNotStarted,

    /// <summary>A change arrived while a resync of the center is running (FAILED_PRECONDITION).</summary>
    ResyncInProgress,

    /// <summary>The change feed position is past the retention horizon (the watcher is reset).</summary>
    CursorTooOld,

    /// <summary>The database schema is newer than this build understands (refuse to start).</summary>
    SchemaTooNew,
}
