using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Registry;

/// <summary>Who is calling: the role and, for a center credential, the center it may publish for.</summary>
public sealed record Principal(string CredentialId, Role Role, string? CenterId);
