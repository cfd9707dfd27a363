namespace FederatedPlatform.Catalog.Storage.Internal.Entities;

/// <summary>A credential; the secret itself is never stored, only its SHA-256.</summary>
internal sealed class CredentialRow
{
    public string CredentialId { get; set; } = string.Empty;

    public int Role { get; set; }

    public string? CenterId { get; set; }

    public string Description { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public long CreatedAt { get; set; }

    public long? RevokedAt { get; set; }
}
