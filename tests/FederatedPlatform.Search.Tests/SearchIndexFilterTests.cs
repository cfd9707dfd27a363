using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

public abstract class SearchIndexFilterTests(ITestStore store)
{
    public static TheoryData<SearchFilter, string[]> Filters => new()
    {
        { new SearchFilter { Kinds = [RecordKind.Need] }, ["cn-mn/n1", "cn-sa/n2"] },
        { new SearchFilter { Sectors = [Sector.SolarEnergy, Sector.Desalination] }, ["cn-om/a1", "cn-sd/a3"] },
        { new SearchFilter { Countries = ["eg", "SD"] }, ["cn-eg/a2", "cn-sd/a3"] },
        { new SearchFilter { CenterIds = ["cn-om"] }, ["cn-om/a1"] },
        { new SearchFilter { ExcludedCenterIds = ["cn-om", "cn-sd"] }, ["cn-eg/a2", "cn-mn/n1", "cn-sa/n2"] },
        { new SearchFilter { Statuses = [RecordStatus.Closed] }, ["cn-sd/a3"] },
        { new SearchFilter { MinTrl = 7 }, ["cn-om/a1", "cn-eg/a2"] },
        { new SearchFilter { MinTrl = 1, MaxTrl = 6 }, ["cn-sd/a3"] },
        { new SearchFilter { Languages = ["zh-Hans"] }, ["cn-om/a1", "cn-eg/a2", "cn-mn/n1"] },
        { new SearchFilter { Languages = ["ar"], Kinds = [RecordKind.Achievement] }, ["cn-om/a1", "cn-sd/a3"] },
        { new SearchFilter { Languages = ["fr", "mn-Cyrl"] }, ["cn-eg/a2", "cn-mn/n1"] },
        { new SearchFilter { Languages = ["en"], CenterIds = ["cn-sa"] }, ["cn-sa/n2"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SearchAsync_Filter_RestrictsMatches(SearchFilter filter, string[] expected)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync(string.Empty, filter);

        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    // Words that together occur in every sample record, so the filter alone decides (through the text
    // query's candidate reads: on SQLite the filter is part of the FTS5 expression).
    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SearchAsync_TextMatchingEveryRecordAndFilter_RestrictsMatchesAsWithoutText(SearchFilter filter, string[] expected)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync("desalination irrigation greenhouse groundwater solar", filter);

        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_TextAndFilter_BothApply()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync("solar", new SearchFilter { Statuses = [RecordStatus.Open] });

        Assert.Equal(["cn-om/a1"], result.Hits.Select(h => TestRecords.Key(h.Record)));
        Assert.Equal(1, result.TotalCount);
        Assert.Equal([new FacetCount("closed", 1), new FacetCount("open", 1)], result.Facets[FacetField.Status]);
    }

    [Fact]
    public async Task SearchAsync_EmptyText_ListsFilteredRecordsById()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync(string.Empty, new SearchFilter { Kinds = [RecordKind.Achievement] });

        Assert.Equal(["cn-eg/a2", "cn-om/a1", "cn-sd/a3"], result.Hits.Select(h => TestRecords.Key(h.Record)));
        Assert.All(result.Hits, h => Assert.Equal(0, h.Score));
        Assert.Equal(3, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_Facets_CountEachFieldUnderTheOtherFilters()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync(string.Empty, new SearchFilter { Kinds = [RecordKind.Achievement], Countries = ["CN"] });

        Assert.Equal(1, result.TotalCount);
        Assert.Equal([new FacetCount("achievement", 1)], result.Facets[FacetField.Kind]);
        Assert.Equal(
            [new FacetCount("CN", 1), new FacetCount("EG", 1), new FacetCount("SD", 1)],
            result.Facets[FacetField.Country]);
        Assert.Equal([new FacetCount("desalination", 1)], result.Facets[FacetField.Sector]);
        Assert.Equal([new FacetCount("7", 1)], result.Facets[FacetField.Trl]);
        Assert.Equal([new FacetCount("ar", 1), new FacetCount("en", 1), new FacetCount("zh", 1)], result.Facets[FacetField.Language]);
    }

    [Fact]
    public async Task SearchAsync_FacetsWithoutFilter_CountAllMatches()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync(string.Empty);

        Assert.Equal(5, result.TotalCount);
        Assert.Equal([new FacetCount("achievement", 3), new FacetCount("need", 2)], result.Facets[FacetField.Kind]);
        Assert.Equal([new FacetCount("open", 4), new FacetCount("closed", 1)], result.Facets[FacetField.Status]);
    }

    [Fact]
    public async Task SearchAsync_FacetsNotRequested_NoCounts()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.Index.SearchAsync(new SearchQuery { Text = "water", IncludeFacets = false }, sut.Connection);

        Assert.Null(result.TotalCount);
        Assert.Empty(result.Facets);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(10, 12)]
    public async Task SearchAsync_TrlOutOfRange_Throws(int min, int max)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SearchAsync("water", new SearchFilter { MinTrl = min, MaxTrl = max }));
    }

    [Fact]
    public async Task SearchAsync_MalformedLanguage_Throws()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SearchAsync("water", new SearchFilter { Languages = ["%"] }));
    }
}

public sealed class SqliteSearchIndexFilterTests() : SearchIndexFilterTests(SqliteTestStore.Instance);

public sealed class PostgresSearchIndexFilterTests(PostgresDatabase database) : SearchIndexFilterTests(database), IClassFixture<PostgresDatabase>;
