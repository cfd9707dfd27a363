global using FederatedPlatform.Testing;
