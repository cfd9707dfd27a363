using FederatedPlatform.Grpc.Compression;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Looks up providers by encoding name and formats <c>grpc-accept-encoding</c>.</summary>
internal sealed class CompressionProviders
{
    private readonly Dictionary<string, ICompressionProvider> _byName;

    public CompressionProviders(IEnumerable<ICompressionProvider> providers)
    {
        _byName = new Dictionary<string, ICompressionProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in providers)
        {
            _byName[p.EncodingName] = p;
        }
        AcceptEncoding = string.Join(',', new[] { GrpcProtocolConstants.IdentityEncoding }.Concat(_byName.Keys));
    }

    public string AcceptEncoding { get; }

    public ICompressionProvider? Find(string? name) =>
        name is null || name.Equals(GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase)
            ? null
            : _byName.GetValueOrDefault(name);

    public bool IsSupported(string? name) =>
        name is null || name.Equals(GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase) || _byName.ContainsKey(name);
}
