using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Searching;

public abstract class SearchServiceTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestHub _hub = null!;
    private HubClient _center = null!;
    private HubClient _sut = null!;
    private PublishCall _publish = null!;
    private ulong _seq;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store);
        _center = await _hub.AddCenterAsync(Center);
        _sut = await _hub.AddReaderAsync();
        _publish = _center.Publish();
        await _publish.OpenAsync(Center, 1);
    }

    public async Task DisposeAsync()
    {
        _publish.Dispose();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Search_ChangeSeenInWatch_IsFindableAtOnce()
    {
        using var watch = _sut.Watch();
        await watch.ReadSnapshotAsync();
        _ = PublishAsync(Record("a1", "Drip irrigation controller", "滴灌控制器"));

        var seen = (await watch.ReadChangesAsync(1))[0];
        var sut = await _sut.SearchAsync("irrigation");

        Assert.Equal("a1", seen.Upsert.Record.Id.LocalId);
        Assert.Equal("a1", Assert.Single(sut.Hits).Record.Id.LocalId);
    }

    [Fact]
    public async Task Search_UpdateAndDelete_IndexFollowsTheCatalog()
    {
        await PublishAsync(Record("a1", "Drip irrigation controller", "滴灌控制器"), Record("a2", "Solar desalination plant", "太阳能海水淡化技术"));
        await PublishAsync(Record("a1", "Greenhouse climate sensor", "温室传感器", version: 2), TestRecords.Tombstone(Center, "a2", 2));

        Assert.Empty((await _sut.SearchAsync("irrigation")).Hits);
        Assert.Empty((await _sut.SearchAsync("海水淡化")).Hits);
        Assert.Equal("a1", Assert.Single((await _sut.SearchAsync("greenhouse")).Hits).Record.Id.LocalId);
    }

    [Theory]
    [InlineData("海水淡化")]
    [InlineData("تحليه المياه")]
    [InlineData("Desalination PLANTS")]
    public async Task Search_EachLanguage_FindsTheRecordWithHighlights(string query)
    {
        await PublishAsync(Record("a1", "Solar desalination plant", "太阳能海水淡化技术"), Record("a2", "Drip irrigation controller", "滴灌控制器"));

        var sut = await _sut.SearchAsync(query);

        var hit = Assert.Single(sut.Hits);
        Assert.Equal("a1", hit.Record.Id.LocalId);
        Assert.Contains("«", hit.Title + hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Score > 0);
        Assert.Null(hit.Record.Contact);
    }

    [Fact]
    public async Task Search_FiltersFacetsAndPaging_EveryMatchOnceWithCounts()
    {
        var records = Enumerable.Range(1, 5)
            .Select(i => Record($"a{i}", $"Solar desalination unit {i}", "太阳能海水淡化", sector: i % 2 == 0 ? Sector.SolarEnergy : Sector.Desalination))
            .ToArray();
        await PublishAsync(records);

        var seen = new List<string>();
        var token = string.Empty;
        SearchResponse page;
        do
        {
            page = await _sut.SearchAsync(new SearchRequest { Query = "solar", PageSize = 2, PageToken = token, IncludeFacets = true });
            seen.AddRange(page.Hits.Select(h => h.Record.Id.LocalId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var filtered = await _sut.SearchAsync(new SearchRequest { Query = "solar", Sectors = { Sector.SolarEnergy }, IncludeFacets = true });

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], seen.Order());
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["a2", "a4"], filtered.Hits.Select(h => h.Record.Id.LocalId).Order());
        Assert.Equal(2, filtered.TotalCount);
        var sectors = filtered.Facets.Single(f => f.Field == "sector");
        Assert.Equal([("desalination", 3L), ("solar_energy", 2L)], sectors.Values.Select(v => (v.Value, v.Count)));
    }

    [Fact]
    public async Task Search_Operator_HitsNeverCarryContacts()
    {
        await PublishAsync(Record("a1", "Solar desalination plant", "太阳能海水淡化技术"));

        var sut = await _hub.Operator.SearchAsync("desalination");

        Assert.Null(Assert.Single(sut.Hits).Record.Contact);
    }

    [Theory]
    [InlineData(101, "", "", 0u, 0u, "", "page_size")]
    [InlineData(10, "garbage", "", 0u, 0u, "", "page_token")]
    [InlineData(10, "", "OMN", 0u, 0u, "", "countries[0]")]
    [InlineData(10, "", "", 7u, 3u, "", "min_trl")]
    [InlineData(10, "", "", 0u, 10u, "", "max_trl")]
    [InlineData(10, "", "", 0u, 0u, "1", "languages[0]")]
    public async Task Search_InvalidRequest_InvalidArgumentNamingTheField(
        int pageSize, string token, string country, uint minTrl, uint maxTrl, string language, string field)
    {
        var request = new SearchRequest { Query = "solar", PageSize = pageSize, PageToken = token, MinTrl = minTrl, MaxTrl = maxTrl };
        if (country.Length > 0)
        {
            request.Countries.Add(country);
        }

        if (language.Length > 0)
        {
            request.Languages.Add(language);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.SearchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithoutCredential_Unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _hub.Client(null).SearchAsync("solar"));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Restart_IndexTablesDropped_RebuiltFromTheCatalog()
    {
        await PublishAsync(Record("a1", "Solar desalination plant", "太阳能海水淡化技术"), Record("a2", "Drip irrigation controller", "滴灌控制器"));
        _publish.Dispose();
        await _hub.Host.StopAsync().WithTimeout();
        await _hub.Location.ExecuteSqlAsync(
            (_hub.Location.IsPostgres ? string.Empty : "DROP TABLE search_text; ")
            + "DROP TABLE search_stats; DROP TABLE search_term_docs; DROP TABLE search_doc_terms; DROP TABLE search_payloads; DROP TABLE search_docs;");

        await using var restarted = await TestHub.StartAsync(_hub.Location);
        var reader = await restarted.AddReaderAsync();

        Assert.Equal("a1", Assert.Single((await reader.SearchAsync("海水淡化")).Hits).Record.Id.LocalId);
        Assert.Equal("a2", Assert.Single((await reader.SearchAsync("irrigation")).Hits).Record.Id.LocalId);
    }

    private static Record Record(string localId, string en, string zh, ulong version = 1, Sector sector = Sector.Desalination)
    {
        var record = TestRecords.Achievement(Center, localId, version, sector);
        record.Title.Clear();
        record.Title.Add("en", en);
        record.Title.Add("zh", zh);
        if (zh.Contains("海水淡化", StringComparison.Ordinal))
        {
            record.Title.Add("ar", "تقنية تحلية المياه بالطاقة الشمسية");
        }

        record.Keywords.Clear();
        return record;
    }

    private async Task PublishAsync(params Record[] records)
    {
        foreach (var record in records)
        {
            await _publish.ChangeAsync(++_seq, record);
        }

        await _publish.ReadUntilAckAsync(_seq);
    }
}

public sealed class SqliteSearchServiceTests() : SearchServiceTests(SqliteTestStore.Instance);

public sealed class PostgresSearchServiceTests(PostgresDatabase database) : SearchServiceTests(database), IClassFixture<PostgresDatabase>;
