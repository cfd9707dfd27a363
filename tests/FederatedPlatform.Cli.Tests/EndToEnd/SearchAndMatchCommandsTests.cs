using System.Text.Json;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Cli.Tests.EndToEnd;

/// <summary>Real <c>fedplat search</c> and <c>fedplat match</c> command lines against a real hub and node.</summary>
public sealed class SearchAndMatchCommandsTests(LiveFederationFixture federation) : IClassFixture<LiveFederationFixture>, IAsyncLifetime
{
    private const string Records = """
        [
          {"kind":"achievement","local_id":"s-a1","title":{"zh":"太阳能海水淡化技术","en":"Solar desalination"},"summary":{"en":"Small solar desalination plants for villages."},
           "sector":"desalination","keywords":["海水淡化","desalination"],"country":"CN","organisation":"Ningxia University",
           "cooperation_modes":["licensing"],"status":"open","trl":7,"ip_status":"patent_granted"},
          {"kind":"achievement","local_id":"s-a2","title":{"en":"Drip irrigation controller"},"summary":{"en":"Water saving for date palms."},
           "sector":"water_saving","keywords":["irrigation"],"country":"CN","organisation":"Ningxia University",
           "cooperation_modes":["licensing"],"status":"open","trl":5,"ip_status":"patent_granted"}
        ]
        """;

    private string _readerTokenFile = string.Empty;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(federation.Directory, "search-records.json");
        await File.WriteAllTextAsync(path, Records);
        var (code, output, error) = await CliRunner.RunAsync(Env(), "import", path);
        Assert.True(code == 0, output + error);
        await WaitAsync(async () => (await CliRunner.RunAsync(Env(), "search", "irrigation", "--node", federation.NodeAddress)).Output.Contains("cn-om/s-a2", StringComparison.Ordinal));
        _readerTokenFile = Path.Combine(federation.Directory, "search-reader.token");
        await File.WriteAllTextAsync(_readerTokenFile, federation.ReaderToken);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_ChineseQuery_TableWithHighlightedTitle()
    {
        var (code, output, error) = await CliRunner.RunAsync(Env(_readerTokenFile), "search", "海水淡化");

        Assert.True(code == 0, error);
        Assert.Contains("cn-om/s-a1", output, StringComparison.Ordinal);
        Assert.Contains("«", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cn-om/s-a2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_JsonWithFiltersAndFacets_ParsesAndCounts()
    {
        var (code, output, error) = await CliRunner.RunAsync(
            Env(_readerTokenFile), "search", "", "--kind", "achievement", "--sector", "water_saving", "--facets", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal("s-a2", Assert.Single(hits).GetProperty("record").GetProperty("id").GetProperty("localId").GetString());
        var sectors = json.RootElement.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "sector");
        Assert.Equal(2, sectors.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task Search_NodeReplica_FindsWhatTheHubHas()
    {
        var (code, output, error) = await CliRunner.RunAsync(Env(), "search", "desalination", "--node", federation.NodeAddress);

        Assert.True(code == 0, error);
        Assert.Contains("cn-om/s-a1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "min_trl", "search", "solar", "--min-trl", "8", "--max-trl", "2")]
    [InlineData(5, "countries[0]", "search", "solar", "--country", "OMAN")]
    [InlineData(2, "unknown sector", "search", "solar", "--sector", "space")]
    public async Task Search_BadInput_OneLineErrorAndExitCode(int exitCode, string message, params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(Env(_readerTokenFile), args);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Match_ListMarkWatch_BothCentersSeeTheSuggestion()
    {
        var askingToken = await PublishNeedAsync();
        var askingTokenFile = Path.Combine(federation.Directory, "cn-eg.token");
        await File.WriteAllTextAsync(askingTokenFile, askingToken);
        await WaitAsync(async () => (await CliRunner.RunAsync(Env(askingTokenFile), "match", "list", "--center", "cn-eg")).Output.Contains("cn-om/s-a1", StringComparison.Ordinal));

        var (markCode, marked, markError) = await CliRunner.RunAsync(Env(askingTokenFile), "match", "mark", "cn-eg/m-n1", "cn-om/s-a1", "contacted");
        var (listCode, listed, _) = await CliRunner.RunAsync(Env(), "match", "list", "--center", "cn-om");
        var (watchCode, watched, _) = await CliRunner.RunAsync(Env(askingTokenFile), "match", "watch", "--center", "cn-eg", "--limit", "1");
        var (deniedCode, _, denied) = await CliRunner.RunAsync(Env(askingTokenFile), "match", "list", "--center", "cn-om");

        Assert.True(markCode == 0, markError);
        Assert.Contains("cn-eg/m-n1 <- cn-om/s-a1: contacted (cn-eg)", marked, StringComparison.Ordinal);
        Assert.Equal(0, listCode);
        Assert.Contains("contacted (cn-eg)", listed, StringComparison.Ordinal);
        Assert.Equal(0, watchCode);
        Assert.Contains("cn-eg/m-n1 <- cn-om/s-a1", watched, StringComparison.Ordinal);
        Assert.Equal(4, deniedCode);
        Assert.Contains("permission denied", denied, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cn-eg-m-n1", "NEED must be center/local_id")]
    [InlineData("cn-eg/m-n1", "unknown state 'maybe'")]
    public async Task MatchMark_BadArguments_UsageError(string need, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(Env(), "match", "mark", need, "cn-om/s-a1", need.Contains('/', StringComparison.Ordinal) ? "maybe" : "agreed");

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Env(string? token = null) => new()
    {
        ["FEDPLAT_HUB"] = federation.HubAddress,
        ["FEDPLAT_NODE"] = federation.NodeAddress,
        ["FEDPLAT_TOKEN_FILE"] = token ?? federation.OperatorTokenFile,
    };

    /// <summary>Registers cn-eg and publishes one need through the hub's Publish stream; returns cn-eg's token.</summary>
    private async Task<string> PublishNeedAsync()
    {
        using var operations = new Connection(federation.HubAddress, (await File.ReadAllTextAsync(federation.OperatorTokenFile)).Trim());
        await operations.UnaryAsync(Api.RegisterCenter, new RegisterCenterRequest { CenterId = "cn-eg", Country = "EG", Names = { ["en"] = "China–Egypt Center" } }, CancellationToken.None);
        var token = (await operations.UnaryAsync(Api.IssueCredential, new IssueCredentialRequest { Role = Role.Center, CenterId = "cn-eg" }, CancellationToken.None)).Token;
        var need = new Contracts.V1.Record
        {
            Id = new RecordId { CenterId = "cn-eg", LocalId = "m-n1" },
            Kind = RecordKind.Need,
            Version = 1,
            Sector = Sector.Desalination,
            Country = "EG",
            Organization = "Egyptian water authority",
            CooperationModes = { CooperationMode.Licensing },
            Status = RecordStatus.Open,
            Need = new NeedDetails { Deadline = "2027-12-31" },
            CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        };
        need.Title["en"] = "Solar desalination for coastal villages";
        need.Keywords.Add("desalination");

        using var center = new Connection(federation.HubAddress, token);
        var publish = Method.From<PublishRequest, PublishResponse>(HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub"), "Publish");
        using var call = center.Invoker.AsyncDuplexStreamingCall(publish, center.Options(CancellationToken.None, TimeSpan.FromSeconds(30)));
        await call.RequestStream.WriteAsync(new PublishRequest { Hello = new Hello { CenterId = "cn-eg", Epoch = 1 } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await call.RequestStream.WriteAsync(new PublishRequest { Change = new Change { Seq = 1, Record = need } });
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var response = call.ResponseStream.Current;
            Assert.NotEqual(PublishResponse.KindOneofCase.Rejection, response.KindCase);
            if (response.KindCase == PublishResponse.KindOneofCase.Ack && response.Ack.AppliedSeq == 1)
            {
                break;
            }
        }

        await call.RequestStream.CompleteAsync();
        return token;
    }

    /// <summary>Polls a condition that depends on background work (replication, matchmaking), failing loudly after 30 s.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Yield();
        }
    }
}
