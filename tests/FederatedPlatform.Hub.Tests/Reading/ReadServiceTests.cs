using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Reading;

public abstract class ReadServiceTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestHub _hub = null!;
    private HubClient _sut = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store);
        var center = await _hub.AddCenterAsync(Center);
        _sut = await _hub.AddReaderAsync();
        using var publish = center.Publish();
        await publish.OpenAsync(Center, 1);
        for (ulong seq = 1; seq <= 5; seq++)
        {
            await publish.ChangeAsync(seq, TestRecords.Achievement(Center, $"a{seq}", sector: seq % 2 == 0 ? Sector.Mining : Sector.Medicine));
        }

        await publish.ReadUntilAckAsync(5);
        await publish.CompleteAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task ListRecords_SmallPages_EveryRecordOnceInOrderWithoutContacts()
    {
        var seen = new List<Record>();
        var token = string.Empty;
        do
        {
            var page = await _sut.ListRecordsAsync(new ListRecordsRequest { PageSize = 2, PageToken = token });
            seen.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], seen.Select(r => r.Id.LocalId));
        Assert.All(seen, r => Assert.Null(r.Contact));
    }

    [Fact]
    public async Task ListRecords_Filter_OnlyMatching()
    {
        var page = await _sut.ListRecordsAsync(new ListRecordsRequest { Filter = new RecordFilter { Sectors = { Sector.Mining } } });

        Assert.Equal(["a2", "a4"], page.Records.Select(r => r.Id.LocalId));
        Assert.Empty(page.NextPageToken);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(1001, "", "page_size")]
    [InlineData(10, "!!", "page_token")]
    public async Task ListRecords_InvalidPaging_InvalidArgumentNamingTheField(int pageSize, string token, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.ListRecordsAsync(new ListRecordsRequest { PageSize = pageSize, PageToken = token }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecord_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.GetRecordAsync(Center, "missing"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetRecord_InvalidId_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.GetRecordAsync("CN OM", "a1"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("id.center_id:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCenters_Registered_AllCenters()
    {
        var centers = await _sut.ListCentersAsync();

        Assert.Equal(Center, Assert.Single(centers.Centers).CenterId);
    }
}

public sealed class SqliteReadServiceTests() : ReadServiceTests(SqliteTestStore.Instance);

public sealed class PostgresReadServiceTests(PostgresDatabase database) : ReadServiceTests(database), IClassFixture<PostgresDatabase>;
