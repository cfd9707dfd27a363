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

    /// <summary>
    /// Response bytes a stream may buffer without a flush, in bytes. Default 64 KiB. A write with
    /// <see cref="WriteFlags.BufferHint"/> is flushed anyway once this many bytes were written since the last
    /// flush: the flush is where the server waits for a client that reads slowly (HTTP/2 flow control), so a
    /// handler that writes a long burst buffered holds at most this much (plus the server's own response
    /// buffer) per stream instead of the whole burst.
    /// </summary>
    public int MaxBufferedResponseBytes { get; set; } = 64 * 1024;

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
