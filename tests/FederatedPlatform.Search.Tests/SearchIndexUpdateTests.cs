using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Tests.Support;

namespace FederatedPlatform.Search.Tests;

public abstract class SearchIndexUpdateTests(ITestStore store)
{
    [Fact]
    public async Task UpsertAsync_NewVersion_ReplacesTermsAndFields()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        var changed = SolarPumpsTurnedWindTurbine();

        await sut.AddAsync(changed);

        Assert.Empty(await sut.IdsAsync("villages"));
        Assert.Equal(["cn-sd/a3"], await sut.IdsAsync("turbine", new SearchFilter { Sectors = [Sector.WindEnergy] }));
        Assert.Equal(5, (await sut.SearchAsync(string.Empty)).TotalCount);
    }

    [Fact]
    public async Task UpsertAsync_AnalysedBeforehand_ReplacesTermsAndFields()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        var changed = SolarPumpsTurnedWindTurbine();
        var added = TestRecords.Achievement("cn-kz/a9", new() { ["en"] = "Turbine gearbox repair" }, sector: Sector.WindEnergy);

        await using (var transaction = await sut.Connection.BeginTransactionAsync())
        {
            await using (var writer = await sut.Index.OpenWriterAsync(transaction))
            {
                await writer.UpsertAsync(AnalysedRecord.Of(changed));
                await writer.UpsertAsync(AnalysedRecord.Of(added));
            }

            await transaction.CommitAsync();
        }

        Assert.Empty(await sut.IdsAsync("villages"));
        Assert.Equal(["cn-kz/a9", "cn-sd/a3"], (await sut.IdsAsync("turbine", new SearchFilter { Sectors = [Sector.WindEnergy] })).Order(StringComparer.Ordinal));
        Assert.Equal(6, (await sut.SearchAsync(string.Empty)).TotalCount);
    }

    /// <summary>Version 2 of the sample's solar pumps: a wind-turbine title and sector, no summary.</summary>
    private static Record SolarPumpsTurnedWindTurbine()
    {
        var changed = SampleCatalog.SolarPumps.Clone();
        changed.Version = 2;
        changed.Title.Clear();
        changed.Title["en"] = "Wind turbine blades";
        changed.Summary.Clear();
        changed.Sector = Sector.WindEnergy;
        return changed;
    }

    [Fact]
    public void AnalysedRecord_Tombstone_Refused()
    {
        var tombstone = new Record { Id = SampleCatalog.SolarPumps.Id.Clone(), Version = 2, Deleted = true };

        Assert.Throws<ArgumentException>(() => AnalysedRecord.Of(tombstone));
    }

    [Fact]
    public async Task DeleteAsync_Indexed_RemovesFromSearchAndFacets()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        await using var transaction = await sut.Connection.BeginTransactionAsync();

        var deleted = await sut.Index.DeleteAsync(SampleCatalog.SolarPumps.Id, transaction);
        var again = await sut.Index.DeleteAsync(SampleCatalog.SolarPumps.Id, transaction);
        await transaction.CommitAsync();

        Assert.True(deleted);
        Assert.False(again);
        Assert.Empty(await sut.IdsAsync("villages"));
        Assert.Equal(4, (await sut.SearchAsync(string.Empty)).TotalCount);
    }

    [Fact]
    public async Task UpsertAsync_Tombstone_Removes()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        var tombstone = new Record { Id = SampleCatalog.SolarPumps.Id.Clone(), Version = 2, Deleted = true };

        await sut.AddAsync(tombstone);

        Assert.Empty(await sut.IdsAsync("villages"));
    }

    [Fact]
    public async Task UpsertAsync_TransactionRolledBack_IndexUnchanged()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        await using (var transaction = await sut.Connection.BeginTransactionAsync())
        {
            await sut.Index.UpsertAsync(TestRecords.Achievement("cn-om/new", new() { ["en"] = "Graphene filters" }), transaction);
            await sut.Index.DeleteAsync(SampleCatalog.SolarPumps.Id, transaction);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await sut.IdsAsync("graphene"));
        Assert.Equal(["cn-sd/a3"], await sut.IdsAsync("villages"));
    }

    [Fact]
    public async Task GetTermStatisticsAsync_CountsRecordsPerTerm()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);

        var stats = await sut.Index.GetTermStatisticsAsync(["solar", "海水", "absent"], sut.Connection);

        Assert.Equal(5, stats.DocumentCount);
        Assert.Equal(2, stats.DocumentFrequencies["solar"]);
        Assert.Equal(1, stats.DocumentFrequencies["海水"]);
        Assert.False(stats.DocumentFrequencies.ContainsKey("absent"));
        Assert.True(stats.Idf("海水") > stats.Idf("solar"));
    }

    [Fact]
    public async Task GetTermStatisticsAsync_AfterReplaceAndDelete_FollowsTheWriter()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        var changed = SampleCatalog.SolarPumps.Clone();
        changed.Version = 2;
        changed.Title.Clear();
        changed.Title["en"] = "Wind turbine blades";
        changed.Summary.Clear();
        await sut.AddAsync(changed);
        await using (var transaction = await sut.Connection.BeginTransactionAsync())
        {
            await sut.Index.DeleteAsync(SampleCatalog.ModernAgriculture.Id, transaction);
            await transaction.CommitAsync();
        }

        var stats = await sut.Index.GetTermStatisticsAsync(["solar", "turbine", "greenhouse"], sut.Connection);

        Assert.Equal(4, stats.DocumentCount);
        Assert.Equal(1, stats.DocumentFrequencies["solar"]);
        Assert.Equal(1, stats.DocumentFrequencies["turbine"]);
        Assert.False(stats.DocumentFrequencies.ContainsKey("greenhouse"));
    }

    [Fact]
    public async Task ClearAsync_ThenReindex_StatisticsCountOnlyTheNewRecords()
    {
        await using var sut = await SampleCatalog.IndexAsync(store);
        await using (var transaction = await sut.Connection.BeginTransactionAsync())
        {
            await sut.Index.ClearAsync(transaction);
            await transaction.CommitAsync();
        }

        await sut.AddAsync(SampleCatalog.SolarPumps);
        var stats = await sut.Index.GetTermStatisticsAsync(["solar", "desalination"], sut.Connection);

        Assert.Equal(1, stats.DocumentCount);
        Assert.Equal(1, stats.DocumentFrequencies["solar"]);
        Assert.False(stats.DocumentFrequencies.ContainsKey("desalination"));
        Assert.Equal(["cn-sd/a3"], await sut.IdsAsync("solar"));
    }
}

public sealed class SqliteSearchIndexUpdateTests() : SearchIndexUpdateTests(SqliteTestStore.Instance)
{
    [Fact]
    public async Task EnsureSchemaAsync_LanguageRowTableOfTheLastLayout_DroppedAndLanguageFiltersKeepWorking()
    {
        await using var sut = await SampleCatalog.IndexAsync(SqliteTestStore.Instance);
        await using (var old = sut.Connection.CreateCommand())
        {
            old.CommandText = "CREATE TABLE search_doc_languages (lang TEXT NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY (lang, doc_id)) WITHOUT ROWID";
            await old.ExecuteNonQueryAsync();
        }

        Assert.True(await sut.Index.SchemaExistsAsync(sut.Connection));
        await sut.Index.EnsureSchemaAsync(sut.Connection);

        await using (var count = sut.Connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'search_doc_languages'";
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        Assert.Equal(["cn-eg/a2", "cn-mn/n1"], (await sut.IdsAsync(string.Empty, new SearchFilter { Languages = ["fr", "mn"] })).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnsureSchemaAsync_EarlierLayout_DropsItSoTheCallerRebuilds()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var old = connection.CreateCommand())
        {
            old.CommandText = """
                CREATE TABLE search_docs (doc_id INTEGER PRIMARY KEY, center_id TEXT, local_id TEXT, payload BLOB NOT NULL);
                CREATE TABLE search_doc_languages (lang TEXT, doc_id INTEGER);
                CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, summary, content = '', tokenize = 'ascii');
                """;
            await old.ExecuteNonQueryAsync();
        }

        var sut = new SqliteSearchIndex();
        Assert.False(await sut.SchemaExistsAsync(connection));

        await sut.EnsureSchemaAsync(connection);

        Assert.True(await sut.SchemaExistsAsync(connection));
        await using var transaction = await connection.BeginTransactionAsync();
        await sut.UpsertAsync(SampleCatalog.SolarPumps, transaction);
        await transaction.CommitAsync();
        Assert.Single((await sut.SearchAsync(new SearchQuery { Text = "solar" }, connection)).Hits);
    }
}

public sealed class PostgresSearchIndexUpdateTests(PostgresDatabase database) : SearchIndexUpdateTests(database), IClassFixture<PostgresDatabase>;
