namespace FederatedPlatform.Node.Storage;

/// <summary>The outcome of <see cref="NodeStore.ImportAsync"/>: counts when written, or every invalid record when nothing was.</summary>
/// <param name="Created">Records created.</param>
/// <param name="Updated">Records replaced with a new version.</param>
/// <param name="Unchanged">Records whose content was already stored.</param>
/// <param name="Errors">Every invalid record; when not empty, nothing was written and the counts are zero.</param>
public sealed record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>True when the import was written.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Why one record of an import was refused.</summary>
/// <param name="Index">Position in the imported list, from 0.</param>
/// <param name="CenterId">The record's center id as given (may be empty).</param>
/// <param name="LocalId">The record's local id as given (may be empty).</param>
/// <param name="Field">Field path inside the record, e.g. <c>title[ar]</c>.</param>
/// <param name="Reason">Why, e.g. <c>longer than 300 characters</c>.</param>
public sealed record ImportRowError(int Index, string CenterId, string LocalId, string Field, string Reason);
