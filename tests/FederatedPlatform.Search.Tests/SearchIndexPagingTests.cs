using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

public abstract class SearchIndexPagingTests(ITestStore store)
{
    private static IEnumerable<Record> Catalog() =>
        Enumerable.Range(0, 47).Select(i => TestRecords.Achievement(
            $"c{i % 3}/r{i:D2}",
            new() { ["en"] = i % 4 == 0 ? "Solar pump station" : "Solar pump" },
            new() { ["en"] = string.Join(' ', Enumerable.Repeat("water", 1 + (i % 5))) }));

    [Theory]
    [InlineData("solar pump")]
    [InlineData("")]
    public async Task SearchAsync_PageByPage_SameOrderAsOnePageWithoutRepeatsOrGaps(string text)
    {
        await using var sut = await TestIndex.CreateAsync(store);
        await sut.AddAsync(Catalog());
        var all = (await sut.SearchAsync(text, pageSize: 100)).Hits.Select(h => TestRecords.Key(h.Record)).ToList();

        var paged = new List<string>();
        var token = string.Empty;
        var pages = 0;
        do
        {
            var page = await sut.SearchAsync(text, pageSize: 6, pageToken: token);
            paged.AddRange(page.Hits.Select(h => TestRecords.Key(h.Record)));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(47, all.Count);
        Assert.Equal(all, paged);
        Assert.Equal(8, pages);
    }

    [Fact]
    public async Task SearchAsync_PageOrder_ScoreThenRecordId()
    {
        await using var sut = await TestIndex.CreateAsync(store);
        await sut.AddAsync(Catalog());

        var hits = (await sut.SearchAsync("solar pump", pageSize: 100)).Hits;

        for (var i = 1; i < hits.Count; i++)
        {
            var previous = hits[i - 1];
            var current = hits[i];
            Assert.True(
                previous.Score > current.Score
                || (previous.Score == current.Score
                    && string.CompareOrdinal(TestRecords.Key(previous.Record), TestRecords.Key(current.Record)) < 0));
        }
    }

    [Fact]
    public async Task SearchAsync_TokenOfAnotherQuery_Throws()
    {
        await using var sut = await TestIndex.CreateAsync(store);
        await sut.AddAsync(Catalog());
        var first = await sut.SearchAsync("solar", pageSize: 5);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SearchAsync("pump", pageSize: 5, pageToken: first.NextPageToken));
        await Assert.ThrowsAsync<ArgumentException>(
            () => sut.SearchAsync("solar", new SearchFilter { CenterIds = ["c1"] }, pageSize: 5, pageToken: first.NextPageToken));
        await Assert.ThrowsAsync<ArgumentException>(() => sut.SearchAsync("solar", pageSize: 5, pageToken: "not-a-token"));
    }

    [Fact]
    public async Task SearchAsync_TieredPages_AllTermMatchesThenTheRest()
    {
        await using var sut = await TestIndex.CreateAsync(store);
        await sut.AddAsync(Catalog());

        var hits = new List<SearchHit>();
        var token = string.Empty;
        do
        {
            var page = await sut.SearchAsync("station water", pageSize: 5, pageToken: token);
            hits.AddRange(page.Hits);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(47, hits.Count);
        Assert.Equal(47, hits.Select(h => TestRecords.Key(h.Record)).Distinct().Count());
        Assert.All(hits.Take(12), h => Assert.True(h.MatchesAllTerms));
        Assert.All(hits.Skip(12), h => Assert.False(h.MatchesAllTerms));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task SearchAsync_PageSizeOutOfRange_Throws(int pageSize)
    {
        await using var sut = await TestIndex.CreateAsync(store);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SearchAsync("solar", pageSize: pageSize));
    }
}

public sealed class SqliteSearchIndexPagingTests() : SearchIndexPagingTests(SqliteTestStore.Instance);

public sealed class PostgresSearchIndexPagingTests(PostgresDatabase database) : SearchIndexPagingTests(database), IClassFixture<PostgresDatabase>;
