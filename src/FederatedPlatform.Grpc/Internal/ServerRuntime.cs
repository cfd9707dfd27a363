using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>What every server call needs: options, encodings, clock and logger, built once.</summary>
internal sealed class ServerRuntime(IOptions<GrpcServerOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public GrpcServerOptions Options { get; } = options.Value;

    public CompressionProviders Compression { get; } = new(options.Value.CompressionProviders);

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("FederatedPlatform.Grpc.Server");
}
