namespace FederatedPlatform.Grpc;

/// <summary>The parts of a client call that every call kind exposes besides its messages.</summary>
public sealed class CallState
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    /// <summary>Creates call state from delegates (interceptors use this to wrap a call).</summary>
    public CallState(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>The response headers, once received.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status; only valid once the call has finished.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The call's trailers; only valid once the call has finished.</summary>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Ends the call; an unfinished call is cancelled.</summary>
    public void Dispose() => _dispose();
}
