using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal.Sqlite;
using FederatedPlatform.Search.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Search.Tests.Internal.Sqlite;

/// <summary>
/// The filter-first plan of the SQLite store (a selective filter's ids collected once, each posting tested
/// against them) finds the same candidates as the join plan, and the country index it counts through is
/// added to an index created before it.
/// </summary>
public sealed class SqliteSearchStoreTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public Task InitializeAsync() => _connection.OpenAsync();

    public Task DisposeAsync() => _connection.DisposeAsync().AsTask();

    // 0: no filter is selective enough (the join plan); 1000: every country or center filter is.
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task SearchAsync_RareCountryBeyondRankWindow_NewestOfThatCountryWithEitherPlan(int filterFirstLimit)
    {
        var sut = await IndexAsync(filterFirstLimit, new SearchIndexOptions { RankWindow = 2 });

        var result = await SearchAsync(sut, "pump", new SearchFilter { Countries = ["om"] });

        Assert.True(result.RankedWithinWindow);
        Assert.Equal(["p11", "s1"], result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
        Assert.All(result.Hits, h => Assert.Equal("OM", h.Record.Country));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task SearchAsync_SelectiveFilterWithEveryTermTier_RanksSameWithEitherPlan(int filterFirstLimit)
    {
        var sut = await IndexAsync(filterFirstLimit, new SearchIndexOptions());

        var result = await SearchAsync(sut, "solar pump", new SearchFilter { Countries = ["OM"], Kinds = [RecordKind.Need] });

        Assert.False(result.RankedWithinWindow);
        Assert.Equal(["p03", "p07", "p11", "s1"], result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
        Assert.Equal("s1", result.Hits[0].Record.Id.LocalId);
        Assert.True(result.Hits[0].MatchesAllTerms);
        Assert.Equal(4, result.TotalCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task SearchAsync_CenterFilterWithoutMatches_NoHitsWithEitherPlan(int filterFirstLimit)
    {
        var sut = await IndexAsync(filterFirstLimit, new SearchIndexOptions());

        var result = await SearchAsync(sut, "solar", new SearchFilter { CenterIds = ["cn-eg"] });

        Assert.Empty(result.Hits);
        Assert.False(result.RankedWithinWindow);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(3, false)]
    public async Task PlanFilterAsync_CountryFilter_FilterFirstWhenItsRecordsAreWithinTheLimit(int limit, bool expected)
    {
        await IndexAsync(limit, new SearchIndexOptions());
        var store = new SqliteSearchStore(limit);

        var plan = await store.PlanFilterAsync(_connection, null, new SearchFilter { Countries = ["OM"] }, CancellationToken.None);

        Assert.Equal(expected, plan.FilterFirst);
    }

    [Fact]
    public async Task PlanFilterAsync_FilterWithoutCountryOrCenter_NeverFilterFirst()
    {
        await IndexAsync(1000, new SearchIndexOptions());
        var store = new SqliteSearchStore(1000);

        var plan = await store.PlanFilterAsync(
            _connection, null, new SearchFilter { Kinds = [RecordKind.Achievement], Sectors = [Sector.Agriculture] }, CancellationToken.None);

        Assert.False(plan.FilterFirst);
    }

    [Fact]
    public async Task EnsureSchemaAsync_IndexCreatedBeforeCountryIndex_AddsItAndKeepsDocuments()
    {
        var sut = await IndexAsync(1000, new SearchIndexOptions());
        await ExecuteAsync("DROP INDEX search_docs_country");

        await sut.EnsureSchemaAsync(_connection);

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'search_docs_country'"));
        var result = await SearchAsync(sut, "pump", new SearchFilter { Countries = ["OM"] });
        Assert.Equal(4, result.Hits.Count);
    }

    // Twelve needs titled "Water pump n", every fourth (p03, p07, p11) in Oman and the rest in Egypt, then
    // an Omani "Solar pump" need and an Egyptian solar achievement of another center.
    private async Task<SqliteSearchIndex> IndexAsync(int filterFirstLimit, SearchIndexOptions options)
    {
        var index = new SqliteSearchIndex(options, filterFirstLimit);
        await index.EnsureSchemaAsync(_connection);
        await using var transaction = await _connection.BeginTransactionAsync();
        await using (var writer = await index.OpenWriterAsync(transaction))
        {
            for (var i = 0; i < 12; i++)
            {
                var country = i % 4 == 3 ? "OM" : "EG";
                await writer.UpsertAsync(
                    TestRecords.Need(
                        $"cn-{country.ToLowerInvariant()}/p{i.ToString("D2", CultureInfo.InvariantCulture)}",
                        new() { ["en"] = "Water pump " + i.ToString(CultureInfo.InvariantCulture) },
                        country: country));
            }

            await writer.UpsertAsync(TestRecords.Need("cn-om/s1", new() { ["en"] = "Solar pump" }, country: "OM"));
            await writer.UpsertAsync(
                TestRecords.Achievement("cn-sa/a1", new() { ["en"] = "Solar dryer" }, country: "EG"));
        }

        await transaction.CommitAsync();
        return index;
    }

    private Task<SearchResult> SearchAsync(SqliteSearchIndex index, string text, SearchFilter filter) =>
        index.SearchAsync(
            new SearchQuery { Text = text, Filter = filter, PageSize = 10, IncludeFacets = true }, _connection, null);

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
