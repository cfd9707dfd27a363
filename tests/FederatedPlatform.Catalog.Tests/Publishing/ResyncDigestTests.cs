using System.Security.Cryptography;
using System.Text;
using FederatedPlatform.Catalog.Publishing;

namespace FederatedPlatform.Catalog.Tests.Publishing;

public sealed class ResyncDigestTests
{
    [Fact]
    public void Compute_ProtoExample_IsSha256OfSortedLines()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("a1:3\nb7:1\n")));

        Assert.Equal(expected, ResyncDigest.Compute([("b7", 1), ("a1", 3)]));
    }

    [Fact]
    public void Compute_Empty_IsSha256OfNothing() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ResyncDigest.Compute([]));

    [Fact]
    public void Append_OutOfOrder_Throws()
    {
        using var sut = new ResyncDigest();
        sut.Append("b", 1);

        Assert.Throws<ArgumentException>(() => sut.Append("a", 1));
        Assert.Throws<ArgumentException>(() => sut.Append("b", 2));
    }
}
