using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Registry;

/// <summary>A new credential and its token, which exists only here: the hub keeps its hash.</summary>
public sealed record IssuedCredential(Credential Credential, string Token);
