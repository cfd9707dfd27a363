using FederatedPlatform.Grpc;

namespace FederatedPlatform.Cli.Clients;

/// <summary>A channel to a hub or node with the caller's credential attached to every call.</summary>
internal sealed class Connection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Metadata? _headers;

    public Connection(string address, string? token)
    {
        Address = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        Invoker = _channel.CreateCallInvoker();
        _headers = string.IsNullOrEmpty(token) ? null : new Metadata { { "authorization", "Bearer " + token } };
    }

    public string Address { get; }

    public CallInvoker Invoker { get; }

    public CallOptions Options(CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        new(_headers, timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken);

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
        => Invoker.AsyncUnaryCall(method, Options(cancellationToken, TimeSpan.FromSeconds(30)), request).ResponseAsync;

    public void Dispose() => _channel.Dispose();
}
