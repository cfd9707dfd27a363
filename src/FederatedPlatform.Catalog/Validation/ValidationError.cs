namespace FederatedPlatform.Catalog.Validation;

/// <summary>One violated rule: the field path (<c>title[ar]</c>, <c>achievement.trl</c>) and why.</summary>
public readonly record struct ValidationError(string Field, string Reason)
{
    /// <summary>The form shown to users and put in INVALID_ARGUMENT messages: <c>field: reason</c>.</summary>
    public override string ToString() => $"{Field}: {Reason}";
}
