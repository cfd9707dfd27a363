namespace FederatedPlatform.Node.Storage;

/// <summary>A request the store refused; nothing was written.</summary>
public sealed class NodeStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeStoreException(NodeStoreErrorCode code, string field, string message)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Creates the exception without details; prefer the other constructor.</summary>
    public NodeStoreException()
        : this(NodeStoreErrorCode.InvalidArgument, string.Empty, "invalid request")
    {
    }

    /// <summary>Creates the exception without a field; prefer the other constructor.</summary>
    public NodeStoreException(string message)
        : this(NodeStoreErrorCode.InvalidArgument, string.Empty, message)
    {
    }

    /// <summary>Creates the exception with an inner exception; prefer the other constructor.</summary>
    public NodeStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = NodeStoreErrorCode.InvalidArgument;
        Field = string.Empty;
    }

    /// <summary>What kind of refusal this is.</summary>
    public NodeStoreErrorCode Code { get; }

    /// <summary>The field path the refusal is about, e.g. <c>title[ar]</c> or <c>id.local_id</c>; empty when none.</summary>
    public string Field { get; }
}
