using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Internal;

/// <summary>
/// The node's side of the hub API: one channel per configured hub instance, the credential on every
/// call. With several instances (sharing one catalog), Publish and Watch each stay on one instance and
/// move to the next when their stream fails, so a dead instance costs one reconnect.
/// </summary>
internal sealed class HubClient : IDisposable
{
    private static readonly ServiceDescriptor HubService = HubReflection.Descriptor.Services.Single(s => s.Name == "Hub");

    public static readonly Method<PublishRequest, PublishResponse> PublishMethod = Method.From<PublishRequest, PublishResponse>(HubService, "Publish");

    public static readonly Method<WatchRequest, WatchEvent> WatchMethod = Method.From<WatchRequest, WatchEvent>(HubService, "Watch");

    private readonly (string Address, GrpcChannel Channel, CallInvoker Invoker)[] _hubs;
    private readonly string _authorization;
    private int _publishHub;
    private int _watchHub;

    public HubClient(NodeOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _hubs =
        [
            .. ParseAddresses(options.HubAddress).Select(address =>
            {
                var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { TimeProvider = time, LoggerFactory = loggerFactory });
                return (address, channel, channel.CreateCallInvoker());
            }),
        ];
        _authorization = "Bearer " + options.Token;
    }

    /// <summary>False when no hub is configured: the node then runs on its own.</summary>
    public bool IsConfigured => _hubs.Length > 0;

    /// <summary>The instance Publish uses now.</summary>
    public string PublishAddress => Hub(Volatile.Read(ref _publishHub)).Address;

    /// <summary>The instance Watch uses now.</summary>
    public string WatchAddress => Hub(Volatile.Read(ref _watchHub)).Address;

    /// <summary>The hub addresses of <c>Node:HubAddress</c>: comma-separated, blanks ignored.</summary>
    public static IReadOnlyList<string> ParseAddresses(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public AsyncDuplexStreamingCall<PublishRequest, PublishResponse> OpenPublish(CancellationToken cancellationToken) =>
        Hub(Volatile.Read(ref _publishHub)).Invoker.AsyncDuplexStreamingCall(PublishMethod, new CallOptions(Headers(), cancellationToken: cancellationToken));

    public AsyncServerStreamingCall<WatchEvent> Watch(WatchRequest request, CancellationToken cancellationToken) =>
        Hub(Volatile.Read(ref _watchHub)).Invoker.AsyncServerStreamingCall(WatchMethod, new CallOptions(Headers(), cancellationToken: cancellationToken), request);

    /// <summary>The Publish stream failed: the next attempt goes to the next instance.</summary>
    public void PublishFailed() => Rotate(ref _publishHub);

    /// <summary>The Watch stream failed: the next attempt goes to the next instance.</summary>
    public void WatchFailed() => Rotate(ref _watchHub);

    public void Dispose()
    {
        foreach (var hub in _hubs)
        {
            hub.Channel.Dispose();
        }
    }

    private (string Address, GrpcChannel Channel, CallInvoker Invoker) Hub(int index) =>
        _hubs.Length > 0 ? _hubs[index] : throw new InvalidOperationException("Node:HubAddress is not set.");

    private void Rotate(ref int index)
    {
        if (_hubs.Length > 1)
        {
            Volatile.Write(ref index, (Volatile.Read(ref index) + 1) % _hubs.Length);
        }
    }

    private Metadata Headers() => new() { { "authorization", _authorization } };
}
