using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Internal;

/// <summary>The node's side of the hub API: one channel, the credential on every call.</summary>
internal sealed class HubClient : IDisposable
{
    private static readonly ServiceDescriptor HubService = HubReflection.Descriptor.Services.Single(s => s.Name == "Hub");

    public static readonly Method<PublishRequest, PublishResponse> PublishMethod = Method.From<PublishRequest, PublishResponse>(HubService, "Publish");

    public static readonly Method<WatchRequest, WatchEvent> WatchMethod = Method.From<WatchRequest, WatchEvent>(HubService, "Watch");

    private readonly GrpcChannel? _channel;
    private readonly CallInvoker? _invoker;
    private readonly string _authorization;

    public HubClient(NodeOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Address = options.HubAddress ?? string.Empty;
        if (options.HubAddress is not null)
        {
            _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { TimeProvider = time, LoggerFactory = loggerFactory });
            _invoker = _channel.CreateCallInvoker();
        }

        _authorization = "Bearer " + options.Token;
    }

    /// <summary>False when no hub is configured: the node then runs on its own.</summary>
    public bool IsConfigured => _invoker is not null;

    public string Address { get; }

    private CallInvoker Invoker => _invoker ?? throw new InvalidOperationException("Node:HubAddress is not set.");

    public AsyncDuplexStreamingCall<PublishRequest, PublishResponse> OpenPublish(CancellationToken cancellationToken) =>
        Invoker.AsyncDuplexStreamingCall(PublishMethod, new CallOptions(Headers(), cancellationToken: cancellationToken));

    public AsyncServerStreamingCall<WatchEvent> Watch(WatchRequest request, CancellationToken cancellationToken) =>
        Invoker.AsyncServerStreamingCall(WatchMethod, new CallOptions(Headers(), cancellationToken: cancellationToken), request);

    public void Dispose() => _channel?.Dispose();

    private Metadata Headers() => new() { { "authorization", _authorization } };
}
