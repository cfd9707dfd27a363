using System.IO.Compression;

namespace FederatedPlatform.Grpc.Compression;

/// <summary>The <c>gzip</c> message encoding.</summary>
public sealed class GzipCompressionProvider : ICompressionProvider
{
    private readonly CompressionLevel _defaultLevel;

    /// <summary>Creates the provider; the default level is <see cref="CompressionLevel.Fastest"/>.</summary>
    public GzipCompressionProvider(CompressionLevel defaultLevel = CompressionLevel.Fastest) => _defaultLevel = defaultLevel;

    /// <inheritdoc />
    public string EncodingName => "gzip";

    /// <inheritdoc />
    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? _defaultLevel, leaveOpen: true);

    /// <inheritdoc />
    public Stream CreateDecompressionStream(Stream stream) => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
}
