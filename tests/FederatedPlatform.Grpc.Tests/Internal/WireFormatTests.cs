using FederatedPlatform.Grpc.Internal;

namespace FederatedPlatform.Grpc.Tests.Internal;

public sealed class WireFormatTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("\t\n", "%09%0A")]
    [InlineData("☺", "%E2%98%BA")]
    public void PercentEncoding_Encode_MatchesSpec(string input, string expected) => Assert.Equal(expected, PercentEncoding.Encode(input));

    [Theory]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData("عنوان طويل جدا")]
    [InlineData("海水淡化 %")]
    public void PercentEncoding_RoundTrip_Preserves(string input) => Assert.Equal(input, PercentEncoding.Decode(PercentEncoding.Encode(input)));

    [Fact]
    public void PercentEncoding_DecodeMalformedEscape_KeepsText() => Assert.Equal("50%z", PercentEncoding.Decode("50%z"));

    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3000)]
    [InlineData("250m", 250)]
    [InlineData("1000u", 1)]
    [InlineData("5000000n", 5)]
    public void GrpcTimeout_Parse_Units(string value, int expectedMs)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("5x")]
    public void GrpcTimeout_ParseInvalid_False(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void GrpcTimeout_Format_FitsEightDigitsAndRoundsUp()
    {
        Assert.Equal("1500000u", GrpcTimeout.Format(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("108000S", GrpcTimeout.Format(TimeSpan.FromHours(30)));
        var formatted = GrpcTimeout.Format(TimeSpan.FromDays(400));
        Assert.True(formatted.Length <= 9, formatted);
        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed) && parsed >= TimeSpan.FromDays(400));
    }

    [Theory]
    [InlineData("Bad Key!")]
    [InlineData("grpc-status")]
    public void MetadataEntry_InvalidOrReservedKey_Throws(string key) => Assert.Throws<ArgumentException>(() => new Metadata.Entry(key, "v"));

    [Fact]
    public void MetadataEntry_BinaryKeyNeedsBytes() => Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-data-bin", "text"));

    [Fact]
    public void MetadataEntry_NonAsciiValue_Throws() => Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-name", "阿曼"));
}
