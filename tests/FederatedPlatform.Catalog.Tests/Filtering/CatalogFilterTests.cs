using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Tests.Filtering;

public sealed class CatalogFilterTests
{
    [Fact]
    public void From_SameValuesInAnotherOrder_SameHash()
    {
        var a = new RecordFilter { Countries = { "OM", "EG" }, Sectors = { Sector.Medicine, Sector.Agriculture } };
        var b = new RecordFilter { Countries = { "EG", "OM", "EG" }, Sectors = { Sector.Agriculture, Sector.Medicine } };

        var sut = CatalogFilter.From(a, new CatalogLimits());

        Assert.Equal(sut.Hash, CatalogFilter.From(b, new CatalogLimits()).Hash);
        Assert.NotEqual(sut.Hash, CatalogFilter.All.Hash);
    }

    [Fact]
    public void From_Null_IsAll()
    {
        var sut = CatalogFilter.From(null, new CatalogLimits());

        Assert.Same(CatalogFilter.All, sut);
        Assert.True(sut.IsEmpty);
    }

    [Theory]
    [InlineData("kinds")]
    [InlineData("sectors")]
    [InlineData("countries")]
    [InlineData("center_ids")]
    public void From_InvalidValue_ThrowsInvalidArgumentWithField(string field)
    {
        var filter = new RecordFilter();
        switch (field)
        {
            case "kinds": filter.Kinds.Add(RecordKind.Unspecified); break;
            case "sectors": filter.Sectors.Add((Sector)77); break;
            case "countries": filter.Countries.Add("Oman"); break;
            default: filter.CenterIds.Add("Bad Id"); break;
        }

        var error = Assert.Throws<CatalogException>(() => CatalogFilter.From(filter, new CatalogLimits()));

        Assert.Equal(CatalogErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"filter.{field}[0]", error.Field);
    }

    [Fact]
    public void From_TooManyValues_Throws()
    {
        var filter = new RecordFilter { Countries = { "OM", "EG", "SA" } };

        var error = Assert.Throws<CatalogException>(() => CatalogFilter.From(filter, new CatalogLimits { MaxFilterValues = 2 }));

        Assert.Equal("filter.countries", error.Field);
    }

    [Fact]
    public void Matches_FieldsAndAcrossValues_AndWithinFieldsOr()
    {
        var sut = CatalogFilter.Create(kinds: [RecordKind.Need], sectors: [Sector.WaterSaving, Sector.Agriculture], centerIds: ["cn-eg"]);

        Assert.True(sut.Matches("cn-eg", new FilterFields(RecordKind.Need, Sector.Agriculture, "EG")));
        Assert.False(sut.Matches("cn-om", new FilterFields(RecordKind.Need, Sector.Agriculture, "EG")));
        Assert.False(sut.Matches("cn-eg", new FilterFields(RecordKind.Achievement, Sector.Agriculture, "EG")));
        Assert.False(sut.Matches("cn-eg", new FilterFields(RecordKind.Need, Sector.Mining, "EG")));
    }
}
