using FederatedPlatform.Grpc.Compression;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The HTTP handler calls are sent through. Default: one pooled <see cref="SocketsHttpHandler"/> per channel
    /// with several HTTP/2 connections allowed and keep-alive pings while calls are active.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>When true (default) the channel disposes <see cref="HttpHandler"/> with itself.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>Largest request message sent, in bytes. Default unlimited.</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Largest response message accepted, in bytes (after decompression). Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Message encodings the channel understands. Default: gzip.</summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [new GzipCompressionProvider()];

    /// <summary>Clock used for deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger factory for call diagnostics. Default none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
