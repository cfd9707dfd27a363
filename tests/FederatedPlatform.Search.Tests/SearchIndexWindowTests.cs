using System.Globalization;
using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

/// <summary>The rank and count windows that bound a query's cost on a large catalog, and how results say they applied.</summary>
public abstract class SearchIndexWindowTests(ITestStore store)
{
    [Fact]
    public async Task SearchAsync_MoreMatchesThanCountWindow_CountsFlaggedAsLowerBounds()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { CountWindow = 4 });

        var result = await sut.SearchAsync("pump");

        Assert.True(result.CountsAreLowerBounds);
        Assert.Equal(4, result.TotalCount);
        Assert.Equal(4, result.Facets[FacetField.Kind].Sum(f => f.Count));
    }

    [Fact]
    public async Task SearchAsync_MatchesWithinCountWindow_ExactCountsNotFlagged()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { CountWindow = 10 });

        var result = await sut.SearchAsync("pump");

        Assert.False(result.CountsAreLowerBounds);
        Assert.Equal(10, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_CountWindowZero_CountsEverything()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { CountWindow = 0 });

        var result = await sut.SearchAsync(string.Empty);

        Assert.False(result.CountsAreLowerBounds);
        Assert.Equal(10, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_MoreMatchesThanRankWindow_RanksNewestWindowAndSaysSo()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { RankWindow = 3 });

        var result = await sut.SearchAsync("pump", pageSize: 10);

        Assert.True(result.RankedWithinWindow);
        Assert.Equal(["p07", "p08", "p09"], result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
        Assert.Empty(result.NextPageToken);
    }

    [Fact]
    public async Task SearchAsync_MatchesWithinRankWindow_RanksEveryMatch()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { RankWindow = 11 });

        var result = await sut.SearchAsync("pump", pageSize: 10);

        Assert.False(result.RankedWithinWindow);
        Assert.Equal(10, result.Hits.Count);
    }

    [Fact]
    public async Task SearchAsync_WindowOfRecordsWithEveryTerm_KeepsThemFirst()
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions { RankWindow = 3 });
        var solar = TestRecords.Achievement("cn-om/s1", new() { ["en"] = "Solar pump" });
        await sut.AddAsync(solar);
        await sut.AddAsync(PumpsFrom(10, 5));

        var result = await sut.SearchAsync("solar pump", pageSize: 10);

        Assert.True(result.RankedWithinWindow);
        Assert.Equal("s1", result.Hits[0].Record.Id.LocalId);
        Assert.True(result.Hits[0].MatchesAllTerms);
    }

    // Four terms: the store intersects the three rarest (solar, village, pump), so a record holding those
    // but not the commonest (water) is read as a candidate too, and must not count as holding every term.
    [Theory]
    [InlineData(TermMatching.All, new[] { "all" })]
    [InlineData(TermMatching.AllThenAny, new[] { "all", "no-water" })]
    public async Task SearchAsync_ManyTerms_RecordsMissingACommonTermAreNotEveryTermMatches(TermMatching matching, string[] expectedFirst)
    {
        await using var sut = await PumpsAsync(10, new SearchIndexOptions());
        await sut.AddAsync(Enumerable.Range(0, 3).Select(i => TestRecords.Need(
            "cn-eg/t" + i.ToString(CultureInfo.InvariantCulture), new() { ["en"] = "Water tank " + i.ToString(CultureInfo.InvariantCulture) })));
        await sut.AddAsync(
            TestRecords.Need("cn-om/no-water", new() { ["en"] = "Solar village pump" }),
            TestRecords.Need("cn-om/all", new() { ["en"] = "Solar village water pump" }));

        var result = await sut.Index.SearchAsync(
            new SearchQuery { Text = "solar village water pump", Matching = matching, PageSize = 20 }, sut.Connection);

        Assert.Equal(expectedFirst, result.Hits.Take(expectedFirst.Length).Select(h => h.Record.Id.LocalId));
        Assert.Equal(expectedFirst.Select((_, i) => i == 0), result.Hits.Take(expectedFirst.Length).Select(h => h.MatchesAllTerms));
        if (matching == TermMatching.All)
        {
            Assert.Single(result.Hits);
        }
    }

    [Fact]
    public void Validate_NegativeWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteSearchIndex(new SearchIndexOptions { RankWindow = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteSearchIndex(new SearchIndexOptions { CountWindow = -1 }));
    }

    private async Task<TestIndex> PumpsAsync(int count, SearchIndexOptions options)
    {
        var index = await TestIndex.CreateAsync(store, options);
        await index.AddAsync(PumpsFrom(0, count));
        return index;
    }

    private static IEnumerable<Record> PumpsFrom(int first, int count) =>
        Enumerable.Range(first, count).Select(i => TestRecords.Need(
            "cn-eg/p" + i.ToString("D2", CultureInfo.InvariantCulture),
            new() { ["en"] = "Water pump " + i.ToString(CultureInfo.InvariantCulture) }));
}

public sealed class SqliteSearchIndexWindowTests() : SearchIndexWindowTests(SqliteTestStore.Instance);

public sealed class PostgresSearchIndexWindowTests(PostgresDatabase database) : SearchIndexWindowTests(database), IClassFixture<PostgresDatabase>;
