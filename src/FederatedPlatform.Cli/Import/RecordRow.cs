using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Import;

/// <summary>One row of an import file: the record it maps to, or why it could not be read.</summary>
internal sealed record RecordRow(int Line, Record? Record, string? Error);
