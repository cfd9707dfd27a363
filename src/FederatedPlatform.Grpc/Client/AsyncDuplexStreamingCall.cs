namespace FederatedPlatform.Grpc;

/// <summary>A bidirectional-streaming call in progress; requests may be written while responses are read.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    /// <summary>Creates the call object.</summary>
    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, CallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        State = state;
    }

    /// <summary>The request stream; complete it to half-close.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

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
