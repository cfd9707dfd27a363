namespace FederatedPlatform.Grpc;

/// <summary>A server-streaming call in progress.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    /// <summary>Creates the call object.</summary>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, CallState state)
    {
        ResponseStream = responseStream;
        State = state;
    }

    /// <summary>The responses; MoveNext throws <see cref="RpcException"/> on a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>Headers, status, trailers and disposal.</summary>
    public CallState State { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => State.ResponseHeadersAsync;

    /// <summary>The status, once finished.</summary>
    public Status GetStatus() => State.GetStatus();

    /// <summary>The trailers, once finished.</summary>
    public Metadata GetTrailers() => State.GetTrailers();

    /// <inheritdoc />
    public void Dispose() => State.Dispose();
}
