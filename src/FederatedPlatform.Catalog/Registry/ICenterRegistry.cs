using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Registry;

/// <summary>Centers and credentials: what the Registry service and authentication use.</summary>
public interface ICenterRegistry
{
    /// <summary>Registers a center.</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.InvalidArgument"/> or <see cref="CatalogErrorCode.CenterExists"/>.</exception>
    Task<Center> RegisterCenterAsync(RegisterCenterRequest request, CancellationToken cancellationToken);

    /// <summary>Every registered center, by id.</summary>
    Task<IReadOnlyList<Center>> ListCentersAsync(CancellationToken cancellationToken);

    /// <summary>Issues a credential: a random 32-byte secret, returned once in the token and stored as its SHA-256.</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.InvalidArgument"/> or <see cref="CatalogErrorCode.CenterNotFound"/>.</exception>
    Task<IssuedCredential> IssueCredentialAsync(Role role, string? centerId, string description, CancellationToken cancellationToken);

    /// <summary>
    /// Issues an operator credential only if the registry holds no credential at all (a hub's first start);
    /// null otherwise. Atomic across instances sharing one database: of several starting together, one issues it.
    /// </summary>
    Task<IssuedCredential?> IssueFirstOperatorCredentialAsync(string description, CancellationToken cancellationToken);

    /// <summary>Revokes a credential (idempotent); returns it as stored.</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.CredentialNotFound"/>.</exception>
    Task<Credential> RevokeCredentialAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>Credentials, optionally of one center; never their secrets.</summary>
    Task<IReadOnlyList<Credential>> ListCredentialsAsync(string? centerId, CancellationToken cancellationToken);

    /// <summary>The principal of a bearer token, or null when it is malformed, unknown, revoked or wrong.</summary>
    Task<Principal?> AuthenticateAsync(string token, CancellationToken cancellationToken);

    /// <summary>Publishing progress of every center, for federation health.</summary>
    Task<IReadOnlyList<CenterProgress>> GetProgressAsync(CancellationToken cancellationToken);

    /// <summary>Asks the center's node for a full resync at its next hello.</summary>
    /// <exception cref="CatalogException"><see cref="CatalogErrorCode.CenterNotFound"/>.</exception>
    Task RequestResyncAsync(string centerId, string reason, CancellationToken cancellationToken);
}
