using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// Opaque paging tokens: a fingerprint of the query (terms, matching, filter) and the keyset position
/// (tier, raw rank bits, center id, local id) after the last hit. Pages continue strictly after that
/// position in (tier, rank, id) order, so they never repeat or skip a record while the index is unchanged.
/// </summary>
internal static class PageToken
{
    private const byte FormatVersion = 1;
    private const int FingerprintLength = 8;

    public static byte[] Fingerprint(IReadOnlyList<QueryTerm> terms, TermMatching matching, SearchFilter filter)
    {
        var canonical = new StringBuilder()
            .Append((int)matching).Append('|')
            .AppendJoin(' ', terms).Append('|')
            .AppendJoin(',', filter.Kinds.Select(k => (int)k).Order()).Append('|')
            .AppendJoin(',', filter.Sectors.Select(s => (int)s).Order()).Append('|')
            .AppendJoin(',', filter.Countries.Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal)).Append('|')
            .AppendJoin(',', filter.CenterIds.Order(StringComparer.Ordinal)).Append('|')
            .AppendJoin(',', filter.ExcludedCenterIds.Order(StringComparer.Ordinal)).Append('|')
            .AppendJoin(',', filter.Statuses.Select(s => (int)s).Order()).Append('|')
            .AppendJoin(',', filter.Languages.Select(l => LanguageTags.Primary(l) ?? l).Order(StringComparer.Ordinal)).Append('|')
            .Append(filter.MinTrl?.ToString(CultureInfo.InvariantCulture)).Append('-')
            .Append(filter.MaxTrl?.ToString(CultureInfo.InvariantCulture));
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))[..FingerprintLength];
    }

    public static string Encode(ReadOnlySpan<byte> fingerprint, PageKey key)
    {
        var center = Encoding.UTF8.GetBytes(key.CenterId);
        var local = Encoding.UTF8.GetBytes(key.LocalId);
        var bytes = new byte[1 + FingerprintLength + 1 + 8 + 2 + center.Length + 2 + local.Length];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        fingerprint.CopyTo(span[1..]);
        var at = 1 + FingerprintLength;
        span[at++] = checked((byte)key.Tier);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], BitConverter.DoubleToInt64Bits(key.Rank));
        at += 8;
        at = WriteString(span, at, center);
        WriteString(span, at, local);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False when the token is malformed or was issued for another query.</summary>
    public static bool TryDecode(string token, ReadOnlySpan<byte> fingerprint, out PageKey key)
    {
        key = default;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var span = bytes.AsSpan();
        const int fixedLength = 1 + FingerprintLength + 1 + 8;
        if (span.Length < fixedLength + 4 || span[0] != FormatVersion || !span.Slice(1, FingerprintLength).SequenceEqual(fingerprint)
            || span[1 + FingerprintLength] > 1)
        {
            return false;
        }

        var tier = span[1 + FingerprintLength];
        var rank = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(span[(1 + FingerprintLength + 1)..]));
        var at = fixedLength;
        if (!TryReadString(span, ref at, out var center) || !TryReadString(span, ref at, out var local) || at != span.Length
            || double.IsNaN(rank))
        {
            return false;
        }

        key = new PageKey(tier, rank, center, local);
        return true;
    }

    private static int WriteString(Span<byte> span, int at, byte[] value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], checked((ushort)value.Length));
        value.CopyTo(span[(at + 2)..]);
        return at + 2 + value.Length;
    }

    private static bool TryReadString(ReadOnlySpan<byte> span, ref int at, out string value)
    {
        value = string.Empty;
        if (span.Length - at < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
        if (span.Length - at - 2 < length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(span.Slice(at + 2, length));
        at += 2 + length;
        return true;
    }
}
