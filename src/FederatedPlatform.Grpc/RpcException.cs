namespace FederatedPlatform.Grpc;

/// <summary>
/// Thrown by a client call that ended with a non-OK status, and thrown by service code to end a call
/// with a given status and trailers.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception for the given status.</summary>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Creates an exception for the given status and trailers.</summary>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString(), status.DebugException)
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates an exception with a status code and detail.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata sent with the status.</summary>
    public Metadata Trailers { get; }
}
