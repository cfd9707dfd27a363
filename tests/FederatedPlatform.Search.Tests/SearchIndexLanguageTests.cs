using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

public abstract class SearchIndexLanguageTests(ITestStore store)
{
    [Theory]
    [InlineData("海水淡化", "cn-om/a1")]
    [InlineData("淡化", "cn-om/a1")]
    [InlineData("温室", "cn-mn/n1")]
    [InlineData("ＳＯＬＡＲ　ＤＥＳＡＬＩＮＡＴＩＯＮ", "cn-om/a1")]
    public async Task SearchAsync_Chinese_FindsWordsInsideRuns(string query, string expected)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync(query);

        Assert.Equal(expected, ids[0]);
    }

    [Fact]
    public async Task SearchAsync_ChineseTwoCharacterWord_FindsTitleAndKeyword()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync("农业");

        Assert.Equal(["cn-mn/n1", "cn-eg/a2"], ids);
    }

    [Theory]
    [InlineData("المياه الجوفية")]
    [InlineData("المِيَاهُ الجَوْفِيَّةُ")]
    [InlineData("المـــياه الجوفيه")]
    [InlineData("مياه جوفية")]
    [InlineData("ادارة المياه")]
    [InlineData("والمياه")]
    public async Task SearchAsync_ArabicVariants_FindSameRecord(string query)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync(query);

        Assert.Equal("cn-sa/n2", ids[0]);
    }

    [Theory]
    [InlineData("desalinated seawater", "cn-om/a1")]
    [InlineData("Pumps", "cn-sd/a3")]
    [InlineData("IRRIGATIONS", "cn-eg/a2")]
    [InlineData("système goutte", "cn-eg/a2")]
    [InlineData("хүлэмжийн", "cn-mn/n1")]
    public async Task SearchAsync_LatinAndCyrillic_FoldAndStem(string query, string expected)
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync(query);

        Assert.Equal(expected, ids[0]);
    }

    [Fact]
    public async Task SearchAsync_NoRecordWithAllTerms_AnyTermMatches()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync("greenhouse submarine");

        Assert.Equal("cn-mn/n1", TestRecords.Key(Assert.Single(result.Hits).Record));
        Assert.False(result.Hits[0].MatchesAllTerms);
    }

    [Fact]
    public async Task SearchAsync_SeveralTerms_RecordsWithAllTermsFirst()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync("solar groundwater");

        Assert.Equal("cn-sd/a3", TestRecords.Key(result.Hits[0].Record));
        Assert.True(result.Hits[0].MatchesAllTerms);
        Assert.Equal(3, result.Hits.Count);
        Assert.All(result.Hits.Skip(1), h => Assert.False(h.MatchesAllTerms));
    }

    [Fact]
    public async Task SearchAsync_MatchingAll_OnlyRecordsWithEveryTerm()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.Index.SearchAsync(new SearchQuery { Text = "solar groundwater", Matching = TermMatching.All }, sut.Connection);

        Assert.Equal(["cn-sd/a3"], result.Hits.Select(h => TestRecords.Key(h.Record)));
        Assert.Equal(1, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_CyrillicInflection_MatchesByPrefix()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var result = await sut.SearchAsync("хүлэмж");

        Assert.Equal("cn-mn/n1", TestRecords.Key(Assert.Single(result.Hits).Record));
        Assert.Equal(["хүлэмж*"], result.Terms);
        Assert.Equal("Орчин үеийн «хүлэмжийн» технологи", result.Hits[0].Title);
    }

    [Fact]
    public async Task SearchAsync_TitleMatch_OutranksSummaryMatch()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var ids = await sut.IdsAsync("groundwater");

        Assert.Equal(["cn-sa/n2", "cn-sd/a3"], ids);
    }
}

public sealed class SqliteSearchIndexLanguageTests() : SearchIndexLanguageTests(SqliteTestStore.Instance);

public sealed class PostgresSearchIndexLanguageTests(PostgresDatabase database) : SearchIndexLanguageTests(database), IClassFixture<PostgresDatabase>;
