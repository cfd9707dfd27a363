using System.Runtime.CompilerServices;

namespace FederatedPlatform.Grpc;

/// <summary>A unary call in progress.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    /// <summary>Creates the call object.</summary>
    public AsyncUnaryCall(Task<TResponse> responseAsync, CallState state)
    {
        ResponseAsync = responseAsync;
        State = state;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>Headers, status, trailers and disposal.</summary>
    public CallState State { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => State.ResponseHeadersAsync;

    /// <summary>The status, once finished.</summary>
    public Status GetStatus() => State.GetStatus();

    /// <summary>The trailers, once finished.</summary>
    public Metadata GetTrailers() => State.GetTrailers();

    /// <summary>Awaits the response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <inheritdoc />
    public void Dispose() => State.Dispose();
}
