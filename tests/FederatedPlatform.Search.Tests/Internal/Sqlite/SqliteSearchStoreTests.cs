using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Search.Tests.Internal.Sqlite;

/// <summary>
/// The SQLite store applies sector, country and center filters as tags inside the FTS5 expression and the
/// rest on the join: a rare country's matches beyond the rank window, the every-term tier under a filter of
/// both kinds, a filter nothing passes; tags never match query terms; an index of the layout before
/// gets its text table rebuilt at open, and the country index a listing uses.
/// </summary>
public sealed class SqliteSearchStoreTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public Task InitializeAsync() => _connection.OpenAsync();

    public Task DisposeAsync() => _connection.DisposeAsync().AsTask();

    [Fact]
    public async Task SearchAsync_RareCountryBeyondRankWindow_NewestOfThatCountry()
    {
        var sut = await IndexAsync(new SearchIndexOptions { RankWindow = 2 });

        var result = await SearchAsync(sut, "pump", new SearchFilter { Countries = ["om"] });

        Assert.True(result.RankedWithinWindow);
        Assert.Equal(["p11", "s1"], result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
        Assert.All(result.Hits, h => Assert.Equal("OM", h.Record.Country));
    }

    [Fact]
    public async Task SearchAsync_FilterWithEveryTermTier_RanksEveryTermFirst()
    {
        var sut = await IndexAsync(new SearchIndexOptions());

        var result = await SearchAsync(sut, "solar pump", new SearchFilter { Countries = ["OM"], Kinds = [RecordKind.Need] });

        Assert.False(result.RankedWithinWindow);
        Assert.Equal(["p03", "p07", "p11", "s1"], result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
        Assert.Equal("s1", result.Hits[0].Record.Id.LocalId);
        Assert.True(result.Hits[0].MatchesAllTerms);
        Assert.Equal(4, result.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_CenterFilterWithoutMatches_NoHits()
    {
        var sut = await IndexAsync(new SearchIndexOptions());

        var result = await SearchAsync(sut, "solar", new SearchFilter { CenterIds = ["cn-eg"] });

        Assert.Empty(result.Hits);
        Assert.False(result.RankedWithinWindow);
    }

    // Every record here is tagged with its sector as a private-use marker, "s" and the sector's number
    // (Sector.Desalination is 3: "s3"); a title word spelled like that must find only the record that has the word.
    [Fact]
    public async Task SearchAsync_WordSpelledLikeATag_FindsOnlyTheWord()
    {
        var sut = await IndexAsync(new SearchIndexOptions());
        var word = "s" + ((int)Sector.Desalination).ToString(CultureInfo.InvariantCulture);
        await AddAsync(sut, TestRecords.Need("cn-om/w1", new() { ["en"] = word.ToUpperInvariant() + " standard" }, country: "OM"));

        var result = await SearchAsync(sut, word, SearchFilter.None);

        Assert.Equal(["w1"], result.Hits.Select(h => h.Record.Id.LocalId));
    }

    // The layout before: search_fts, rowid = doc id, no tags.
    [Fact]
    public async Task EnsureSchemaAsync_IndexOfTheLayoutBefore_RebuildsTheTextTableAndFindsTheSame()
    {
        var sut = await IndexAsync(new SearchIndexOptions());
        var unfiltered = await SearchAsync(sut, "solar pump water", SearchFilter.None);
        await ExecuteAsync(
            """
            DROP TABLE search_text;
            CREATE VIRTUAL TABLE search_fts USING fts5(
                title, keywords, summary, content = '', contentless_delete = 1, tokenize = 'ascii', detail = none);
            INSERT INTO search_fts (rowid, title, keywords, summary) SELECT doc_id, title, keywords, summary FROM search_doc_terms;
            """);
        var statistics = await ScalarAsync("SELECT group_concat(name || value) FROM search_stats");

        Assert.True(await sut.SchemaExistsAsync(_connection));

        await sut.EnsureSchemaAsync(_connection);

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM pragma_table_xinfo('search_text') WHERE name = 'tags'"));
        Assert.Equal(statistics, await ScalarAsync("SELECT group_concat(name || value) FROM search_stats"));
        var again = await SearchAsync(sut, "solar pump water", SearchFilter.None);
        Assert.Equal(Keys(unfiltered), Keys(again));
        Assert.Equal(unfiltered.Hits.Select(h => h.Score), again.Hits.Select(h => h.Score));
        var filtered = await SearchAsync(sut, "pump", new SearchFilter { Countries = ["OM"], Kinds = [RecordKind.Need] });
        Assert.Equal(["p03", "p07", "p11", "s1"], filtered.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal));
    }

    // Six transactions leave FTS5 more than one segment (it merges four of a size on its own).
    [Fact]
    public async Task MergeAsync_IndexOfSeveralSegments_MergesUntilNothingLeftAndFindsTheSame()
    {
        var sut = await IndexAsync(new SearchIndexOptions());
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(sut, TestRecords.Need($"cn-om/m{i}", new() { ["en"] = "Solar pump " + i.ToString(CultureInfo.InvariantCulture) }, country: "OM"));
        }

        var before = await SearchAsync(sut, "solar pump", new SearchFilter { Countries = ["OM"] });

        var steps = new List<bool>();
        while (steps.Count < 100 && (steps.Count == 0 || steps[^1]))
        {
            await using var transaction = await _connection.BeginTransactionAsync();
            steps.Add(await sut.MergeAsync(transaction, 1));
            await transaction.CommitAsync();
        }

        Assert.True(steps[0]);
        Assert.False(steps[^1]);
        var after = await SearchAsync(sut, "solar pump", new SearchFilter { Countries = ["OM"] });
        Assert.Equal(Keys(before), Keys(after));
        Assert.Equal(before.Hits.Select(h => h.Score), after.Hits.Select(h => h.Score));
    }

    [Fact]
    public async Task EnsureSchemaAsync_IndexCreatedBeforeCountryIndex_AddsItAndKeepsDocuments()
    {
        var sut = await IndexAsync(new SearchIndexOptions());
        await ExecuteAsync("DROP INDEX search_docs_country");

        await sut.EnsureSchemaAsync(_connection);

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'search_docs_country'"));
        var result = await SearchAsync(sut, "pump", new SearchFilter { Countries = ["OM"] });
        Assert.Equal(4, result.Hits.Count);
    }

    // Twelve needs titled "Water pump n", every fourth (p03, p07, p11) in Oman and the rest in Egypt, then
    // an Omani "Solar pump" need and an Egyptian solar achievement of another center.
    private async Task<SqliteSearchIndex> IndexAsync(SearchIndexOptions options)
    {
        var index = new SqliteSearchIndex(options);
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

    private async Task AddAsync(SqliteSearchIndex index, Record record)
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        await index.UpsertAsync(record, transaction);
        await transaction.CommitAsync();
    }

    private static List<string> Keys(SearchResult result) => [.. result.Hits.Select(h => TestRecords.Key(h.Record))];

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
