using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

public abstract class SearchIndexSnippetTests(ITestStore store)
{
    [Fact]
    public async Task SearchAsync_ChineseQuery_HighlightsChineseTitleAsWritten()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var hit = (await sut.SearchAsync("海水淡化")).Hits[0];

        Assert.Equal("zh", hit.Language);
        Assert.Equal("太阳能«海水淡化»技术", hit.Title);
        Assert.Contains("«海水淡化»", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_ArabicQueryWithoutDiacritics_HighlightsOriginalSpelling()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var hit = (await sut.SearchAsync("الجوفيه")).Hits[0];

        Assert.Equal("ar", hit.Language);
        Assert.Equal("إدارة المياه «الجوفية» في المناطق الصحراوية", hit.Title);
        Assert.Contains("«الجوفية»", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_EnglishInflection_HighlightsWholeWords()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var hit = (await sut.SearchAsync("pump")).Hits[0];

        Assert.Equal("en", hit.Language);
        Assert.Equal("Solar water «pumping» for villages", hit.Title);
        Assert.Equal("Photovoltaic «pumps» lift groundwater for drinking and irrigation.", hit.Snippet);
    }

    [Fact]
    public async Task SearchAsync_LongSummary_SnippetWindowAroundMatchWithEllipses()
    {
        await using var sut = await TestIndex.CreateAsync(store, new SearchIndexOptions { SnippetLength = 60, HighlightStart = "<b>", HighlightEnd = "</b>" });
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 20));
        await sut.AddAsync(TestRecords.Achievement(
            "c/r1", new() { ["en"] = "Reactor" }, new() { ["en"] = $"{filler} graphene membrane filters {filler}" }));

        var hit = (await sut.SearchAsync("graphene")).Hits[0];

        Assert.StartsWith("…", hit.Snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("<b>graphene</b> membrane", hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Snippet.Length <= 60 + 2 + 7);
    }

    [Fact]
    public async Task SearchAsync_Hit_HidesContact()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var hit = (await sut.SearchAsync("海水淡化")).Hits[0];

        Assert.Null(hit.Record.Contact);
    }

    [Fact]
    public async Task SearchAsync_NoTextWithLanguageFilter_ShowsThatLanguage()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var hit = (await sut.SearchAsync(string.Empty, new SearchFilter { CenterIds = ["cn-om"], Languages = ["ar"] })).Hits[0];

        Assert.Equal("ar", hit.Language);
        Assert.Equal("تقنية تحلية مياه البحر بالطاقة الشمسية", hit.Title);
    }
}

public sealed class SqliteSearchIndexSnippetTests() : SearchIndexSnippetTests(SqliteTestStore.Instance);

public sealed class PostgresSearchIndexSnippetTests(PostgresDatabase database) : SearchIndexSnippetTests(database), IClassFixture<PostgresDatabase>;
