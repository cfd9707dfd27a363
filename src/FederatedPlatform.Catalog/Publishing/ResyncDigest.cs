using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FederatedPlatform.Catalog.Publishing;

/// <summary>
/// The resync digest of hub.proto: lowercase hex SHA-256 over the UTF-8 lines
/// <c>"&lt;local_id&gt;:&lt;version&gt;\n"</c>, one per record, sorted by local id in byte order.
/// Append records in ascending local-id order (local ids are ASCII, so ordinal order is byte order).
/// Used by the node to announce a snapshot and by the hub to check what it received.
/// </summary>
public sealed class ResyncDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _last;

    /// <summary>Records appended so far.</summary>
    public ulong Count { get; private set; }

    /// <summary>The digest of a whole snapshot given in any order.</summary>
    public static string Compute(IEnumerable<(string LocalId, ulong Version)> records)
    {
        using var digest = new ResyncDigest();
        foreach (var (localId, version) in records.OrderBy(r => r.LocalId, StringComparer.Ordinal))
        {
            digest.Append(localId, version);
        }

        return digest.Finish();
    }

    /// <summary>Adds the next record.</summary>
    /// <exception cref="ArgumentException">The local id is not above the previous one.</exception>
    public void Append(string localId, ulong version)
    {
        if (_last is not null && string.CompareOrdinal(_last, localId) >= 0)
        {
            throw new ArgumentException($"local ids must be appended in ascending order: {localId} after {_last}", nameof(localId));
        }

        _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{localId}:{version}\n")));
        _last = localId;
        Count++;
    }

    /// <summary>The digest of everything appended.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}
