using System.IO.Compression;
using FederatedPlatform.Grpc.Compression;

namespace FederatedPlatform.Grpc;

/// <summary>Options of the gRPC server runtime, bound from configuration section <c>Grpc</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes (after decompression). Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes. Default unlimited (<see cref="int.MaxValue"/>).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Encoding used for responses unless a handler chooses otherwise. Default none.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Compression level for responses. Default <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Message encodings the server understands. Default: gzip.</summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [new GzipCompressionProvider()];

    /// <summary>Interceptors applied to every service, outermost first.</summary>
    public InterceptorCollection Interceptors { get; } = [];

    /// <summary>When true, exception messages are sent to clients in <c>grpc-message</c>. Default false.</summary>
    public bool EnableDetailedErrors { get; set; }
}
