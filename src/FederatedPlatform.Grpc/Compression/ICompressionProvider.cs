using System.IO.Compression;

namespace FederatedPlatform.Grpc.Compression;

/// <summary>A message compression algorithm, named as in <c>grpc-encoding</c>.</summary>
public interface ICompressionProvider
{
    /// <summary>The encoding name, e.g. <c>gzip</c>.</summary>
    string EncodingName { get; }

    /// <summary>A stream that compresses into <paramref name="stream"/>.</summary>
    Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel);

    /// <summary>A stream that decompresses from <paramref name="stream"/>.</summary>
    Stream CreateDecompressionStream(Stream stream);
}
