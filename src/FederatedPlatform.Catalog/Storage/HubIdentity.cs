namespace FederatedPlatform.Catalog.Storage;

/// <summary>The identity of a hub catalog database, created with it.</summary>
/// <param name="Epoch">32 hex digits, random: a cursor or applied seq from another database is recognisable by it.</param>
/// <param name="SchemaVersion">The schema version of the database.</param>
/// <param name="CreatedAt">When the database was created.</param>
public sealed record HubIdentity(string Epoch, int SchemaVersion, DateTimeOffset CreatedAt);
