namespace FederatedPlatform.Catalog;

/// <summary>A catalog operation was refused for a reason the caller can act on.</summary>
public sealed class CatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CatalogException(CatalogErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception without a code; prefer the coded constructor.</summary>
    public CatalogException()
        : this(CatalogErrorCode.InvalidArgument, "Invalid catalog request.")
    {
    }

    /// <summary>Creates the exception without a code; prefer the coded constructor.</summary>
    public CatalogException(string message)
        : this(CatalogErrorCode.InvalidArgument, message)
    {
    }

    /// <summary>Creates the exception without a code; prefer the coded constructor.</summary>
    public CatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = CatalogErrorCode.InvalidArgument;
    }

    /// <summary>Why the operation was refused.</summary>
    public CatalogErrorCode Code { get; }

    /// <summary>For <see cref="CatalogErrorCode.InvalidArgument"/>: the offending field path, if known.</summary>
    public string? Field { get; init; }
}
