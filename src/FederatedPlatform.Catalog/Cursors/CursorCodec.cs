using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using FederatedPlatform.Catalog.Feed;

namespace FederatedPlatform.Catalog.Cursors;

/// <summary>
/// Watch cursors: opaque, URL-safe, tamper-evident tokens of {hub epoch, catalog seq, filter hash}.
/// Layout before base64url: version (1 byte) | hub epoch (16) | seq (8, big-endian) | filter hash (8)
/// | first 16 bytes of HMAC-SHA256 over the preceding bytes, keyed with the hub database's secret.
/// </summary>
public sealed class CursorCodec
{
    private const byte FormatVersion = 1;
    private const int EpochLength = 16;
    private const int MacLength = 16;
    private const int BodyLength = 1 + EpochLength + 8 + 8;
    private const int TokenLength = BodyLength + MacLength;

    private readonly byte[] _epoch;
    private readonly byte[] _key;

    /// <summary>Creates a codec for one hub database.</summary>
    /// <param name="hubEpoch">The database's epoch: 32 hex digits.</param>
    /// <param name="key">The HMAC key, at least 32 bytes.</param>
    public CursorCodec(string hubEpoch, byte[] key)
    {
        _epoch = Convert.FromHexString(hubEpoch);
        if (_epoch.Length != EpochLength)
        {
            throw new ArgumentException("the hub epoch must be 32 hex digits", nameof(hubEpoch));
        }

        if (key.Length < 32)
        {
            throw new ArgumentException("the cursor key must be at least 32 bytes", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>The cursor for position <paramref name="seq"/> of a watcher with the given filter hash.</summary>
    public string Encode(ulong seq, ulong filterHash)
    {
        Span<byte> token = stackalloc byte[TokenLength];
        token[0] = FormatVersion;
        _epoch.CopyTo(token[1..]);
        BinaryPrimitives.WriteUInt64BigEndian(token[(1 + EpochLength)..], seq);
        BinaryPrimitives.WriteUInt64BigEndian(token[(1 + EpochLength + 8)..], filterHash);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, token[..BodyLength], mac);
        mac[..MacLength].CopyTo(token[BodyLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Decodes a cursor for a watcher with the given filter hash against the log's current position.
    /// The epoch is compared before the MAC on purpose: another database signs with another key, so its
    /// cursors would otherwise look tampered; either way the watcher is reset, but the reason is right.
    /// </summary>
    public CursorDecodeResult Decode(string cursor, ulong filterHash, FeedPosition position)
    {
        Span<byte> token = stackalloc byte[TokenLength];
        if (cursor.Length != Base64Url.GetEncodedLength(TokenLength)
            || Base64Url.DecodeFromChars(cursor, token, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != TokenLength
            || token[0] != FormatVersion)
        {
            return new(CursorStatus.Tampered, 0);
        }

        if (!token.Slice(1, EpochLength).SequenceEqual(_epoch))
        {
            return new(CursorStatus.OtherEpoch, 0);
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, token[..BodyLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], token[BodyLength..]))
        {
            return new(CursorStatus.Tampered, 0);
        }

        var seq = BinaryPrimitives.ReadUInt64BigEndian(token[(1 + EpochLength)..]);
        if (BinaryPrimitives.ReadUInt64BigEndian(token[(1 + EpochLength + 8)..]) != filterHash)
        {
            return new(CursorStatus.OtherFilter, seq);
        }

        if (seq > position.HeadSeq)
        {
            return new(CursorStatus.AheadOfHead, seq);
        }

        return seq < position.HorizonSeq ? new(CursorStatus.TooOld, seq) : new(CursorStatus.Ok, seq);
    }
}
