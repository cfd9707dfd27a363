using FederatedPlatform.Catalog.Cursors;
using FederatedPlatform.Catalog.Feed;

namespace FederatedPlatform.Catalog.Tests.Cursors;

public sealed class CursorCodecTests
{
    private const string Epoch = "00112233445566778899aabbccddeeff";
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly FeedPosition Position = new(HeadSeq: 1000, HorizonSeq: 100);

    private readonly CursorCodec _sut = new(Epoch, Key);

    [Fact]
    public void Decode_OwnCursor_OkWithSeq()
    {
        var cursor = _sut.Encode(500, filterHash: 42);

        var result = _sut.Decode(cursor, 42, Position);

        Assert.Equal(new CursorDecodeResult(CursorStatus.Ok, 500), result);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
    }

    [Fact]
    public void Decode_AnyFlippedCharacter_Tampered()
    {
        var cursor = _sut.Encode(500, 42);
        for (var i = 0; i < cursor.Length; i++)
        {
            var chars = cursor.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';

            var status = _sut.Decode(new string(chars), 42, Position).Status;

            // Bytes 1..16 carry the epoch: altering them is reported as another database, which also resets.
            Assert.Contains(status, new[] { CursorStatus.Tampered, CursorStatus.OtherEpoch });
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    public void Decode_Garbage_Tampered(string cursor) =>
        Assert.Equal(CursorStatus.Tampered, _sut.Decode(cursor, 42, Position).Status);

    [Fact]
    public void Decode_ForgedSeqWithoutKey_Tampered()
    {
        var forger = new CursorCodec(Epoch, [.. Enumerable.Repeat((byte)7, 32)]);

        Assert.Equal(CursorStatus.Tampered, _sut.Decode(forger.Encode(500, 42), 42, Position).Status);
    }

    [Fact]
    public void Decode_OtherDatabase_OtherEpoch()
    {
        var other = new CursorCodec("ffeeddccbbaa99887766554433221100", Key);

        Assert.Equal(CursorStatus.OtherEpoch, _sut.Decode(other.Encode(500, 42), 42, Position).Status);
    }

    [Fact]
    public void Decode_OtherFilter_OtherFilter() =>
        Assert.Equal(CursorStatus.OtherFilter, _sut.Decode(_sut.Encode(500, 42), 43, Position).Status);

    [Fact]
    public void Decode_BelowHorizon_TooOld()
    {
        Assert.Equal(CursorStatus.TooOld, _sut.Decode(_sut.Encode(99, 42), 42, Position).Status);
        Assert.Equal(CursorStatus.Ok, _sut.Decode(_sut.Encode(100, 42), 42, Position).Status);
    }

    [Fact]
    public void Decode_BeyondHead_AheadOfHead() =>
        Assert.Equal(CursorStatus.AheadOfHead, _sut.Decode(_sut.Encode(1001, 42), 42, Position).Status);
}
