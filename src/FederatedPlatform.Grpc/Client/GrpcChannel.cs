using System.Net;
using FederatedPlatform.Grpc.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederatedPlatform.Grpc;

/// <summary>
/// A long-lived connection pool to one gRPC server address (<c>http://</c> for h2c with prior knowledge,
/// <c>https://</c> for TLS). Create one per server and share it; calls are multiplexed over HTTP/2.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly bool _disposeHandler;
    private readonly HttpMessageHandler _handler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http:// (h2c) or https:// (TLS).", nameof(address));
        }
        Address = address;
        BaseAddress = address.GetLeftPart(UriPartial.Authority);
        _handler = options.HttpHandler ?? CreateDefaultHandler();
        _disposeHandler = options.HttpHandler is null || options.DisposeHttpHandler;
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        MaxSendMessageSize = options.MaxSendMessageSize;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        Compression = new CompressionProviders(options.CompressionProviders);
        TimeProvider = options.TimeProvider;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FederatedPlatform.Grpc.Client");
    }

    /// <summary>The server address.</summary>
    public Uri Address { get; }

    internal string BaseAddress { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal int MaxSendMessageSize { get; }

    internal int MaxReceiveMessageSize { get; }

    internal CompressionProviders Compression { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>The request URI of a method, parsed once per channel.</summary>
    internal Uri GetMethodUri(string fullName) => _methodUris.GetOrAdd(fullName, static (name, baseAddress) => new Uri(baseAddress + name), BaseAddress);

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) => new(address, options ?? new GrpcChannelOptions());

    /// <summary>An invoker that sends calls over this channel; wrap it with <c>Intercept</c> to add client interceptors.</summary>
    public CallInvoker CreateCallInvoker() => new HttpCallInvoker(this);

    /// <inheritdoc />
    public void Dispose()
    {
        Invoker.Dispose();
        if (_disposeHandler)
        {
            _handler.Dispose();
        }
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    };
}
