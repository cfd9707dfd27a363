using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Tests;

public sealed class CatalogCodesTests
{
    [Fact]
    public void ToCode_EnumValues_LowercaseWithoutPrefix()
    {
        Assert.Equal("water_saving", CatalogCodes.ToCode(Sector.WaterSaving));
        Assert.Equal("joint_development", CatalogCodes.ToCode(CooperationMode.JointDevelopment));
        Assert.Equal("patent_granted", CatalogCodes.ToCode(IpStatus.PatentGranted));
        Assert.Equal("in_negotiation", CatalogCodes.ToCode(RecordStatus.InNegotiation));
        Assert.Equal("achievement", CatalogCodes.ToCode(RecordKind.Achievement));
        Assert.Null(CatalogCodes.ToCode(Sector.Unspecified));
    }

    [Fact]
    public void TryParse_KnownAndUnknownCodes_ParsesOnlyDefinedValues()
    {
        Assert.True(CatalogCodes.TryParse<Sector>("Traditional_Medicine", out var sector));
        Assert.Equal(Sector.TraditionalMedicine, sector);
        Assert.False(CatalogCodes.TryParse<Sector>("unspecified", out _));
        Assert.False(CatalogCodes.TryParse<Sector>("fishing", out _));
    }

    [Fact]
    public void AllCodes_Sectors_ListsEighteenInOrder()
    {
        var codes = CatalogCodes.AllCodes<Sector>();

        Assert.Equal(18, codes.Count);
        Assert.Equal("agriculture", codes[0]);
        Assert.Equal("traditional_medicine", codes[^1]);
    }
}
