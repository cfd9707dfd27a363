using System.Text.Json;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Tests.EndToEnd;

/// <summary>Real command lines against a real hub and node: import, export, watch, status, centers, credentials.</summary>
public sealed class ClientCommandsTests(LiveFederationFixture federation) : IClassFixture<LiveFederationFixture>
{
    private const string GoodRecords = """
        [
          {"kind":"achievement","local_id":"e2e-a1","title":{"zh":"太阳能海水淡化技术","en":"Solar desalination"},"summary":{"en":"Small plants."},
           "sector":"desalination","keywords":["海水淡化","desalination"],"country":"CN","organisation":"Ningxia University",
           "cooperation_modes":["licensing"],"status":"open","trl":7,"ip_status":"patent_granted"},
          {"kind":"need","local_id":"e2e-n1","title":{"ar":"تحلية المياه للقرى","en":"Village desalination"},"summary":{"en":"Ten villages."},
           "sector":"desalination","keywords":["تحلية","desalination"],"country":"OM","organisation":"Ministry","cooperation_modes":["investment"],
           "status":"open","budget":{"min":10000,"max":50000,"currency":"USD"},"deadline":"2027-06-30"}
        ]
        """;

    private Dictionary<string, string> Env(string? token = null) => new()
    {
        ["FEDPLAT_HUB"] = federation.HubAddress,
        ["FEDPLAT_NODE"] = federation.NodeAddress,
        ["FEDPLAT_TOKEN_FILE"] = token ?? federation.OperatorTokenFile,
    };

    private async Task<string> WriteFileAsync(string name, string content)
    {
        var path = Path.Combine(federation.Directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<NodeStatus> NodeStatusAsync()
    {
        using var node = new Connection(federation.NodeAddress, null);
        return await node.UnaryAsync(Api.GetNodeStatus, new GetNodeStatusRequest(), CancellationToken.None);
    }

    [Fact]
    public async Task Import_FileWithOneBadRow_ReportsRowAndImportsNothing()
    {
        var before = await NodeStatusAsync();
        var bad = GoodRecords.Replace("\"sector\":\"desalination\",\"keywords\":[\"تحلية\"", "\"sector\":\"space\",\"keywords\":[\"تحلية\"", StringComparison.Ordinal);
        var path = await WriteFileAsync("bad.json", bad);

        var (exitCode, output, error) = await CliRunner.RunAsync(Env(), "import", path);

        Assert.Equal(5, exitCode);
        Assert.Contains("bad.json:2", output, StringComparison.Ordinal);
        Assert.Contains("sector: unknown value 'space'", output, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", error, StringComparison.Ordinal);
        Assert.Equal(before.LastSeq, (await NodeStatusAsync()).LastSeq);
    }

    [Fact]
    public async Task Import_RowTheNodeRefuses_ReportsFieldAndImportsNothing()
    {
        var before = await NodeStatusAsync();
        var path = await WriteFileAsync("refused.json", GoodRecords.Replace("\"trl\":7", "\"trl\":12", StringComparison.Ordinal));

        var (exitCode, output, _) = await CliRunner.RunAsync(Env(), "import", path);

        Assert.Equal(5, exitCode);
        Assert.Contains("trl", output, StringComparison.Ordinal);
        Assert.Equal(before.LastSeq, (await NodeStatusAsync()).LastSeq);
    }

    [Fact]
    public async Task ImportThenExport_RoundTripsAndReachesTheHub()
    {
        var path = await WriteFileAsync("good.json", GoodRecords);

        var (importCode, importOutput, importError) = await CliRunner.RunAsync(Env(), "import", path);
        Assert.True(importCode == 0, importOutput + importError);
        Assert.Contains("imported 2 records into cn-om", importOutput, StringComparison.Ordinal);

        var exportPath = Path.Combine(federation.Directory, "export.json");
        var (exportCode, _, exportError) = await CliRunner.RunAsync(Env(), "export", "-o", exportPath);
        Assert.True(exportCode == 0, exportError);
        using var exported = JsonDocument.Parse(await File.ReadAllTextAsync(exportPath));
        var ids = exported.RootElement.EnumerateArray().Select(e => e.GetProperty("local_id").GetString()).ToList();
        Assert.Contains("e2e-a1", ids);
        Assert.Contains("e2e-n1", ids);

        // Once the node's outbox is acknowledged the hub holds both, and the snapshot part of a watch shows them.
        await WaitUntilAckedAsync(TimeSpan.FromSeconds(30));
        var (_, watchOutput, _) = await CliRunner.RunAsync(Env(), "watch", "--center", "cn-om", "--limit", "2");
        Assert.Contains("cn-om/e2e-a1", watchOutput, StringComparison.Ordinal);
        Assert.Contains("cn-om/e2e-n1", watchOutput, StringComparison.Ordinal);
    }

    private async Task WaitUntilAckedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        NodeStatus status;
        while ((status = await NodeStatusAsync()).AckedSeq < status.LastSeq)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the node's outbox was not acknowledged within {timeout}: {status}");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task Status_ShowsTheConnectedCenter()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(Env(), "status");

        Assert.True(exitCode == 0, error);
        Assert.Contains("cn-om", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CenterAddThenList_AndCredentialIssueAndRevoke()
    {
        var (addCode, _, addError) = await CliRunner.RunAsync(Env(), "center", "add", "cn-eg", "--name", "en=China–Egypt Center", "--name", "ar=مركز", "--country", "EG");
        Assert.True(addCode == 0, addError);

        var (_, list, _) = await CliRunner.RunAsync(Env(), "center", "list");
        Assert.Contains("cn-eg", list, StringComparison.Ordinal);

        var (issueCode, issued, _) = await CliRunner.RunAsync(Env(), "credential", "issue", "--role", "center", "--center", "cn-eg");
        Assert.Equal(0, issueCode);
        var token = issued.Split('\n', StringSplitOptions.TrimEntries).Last(l => l.StartsWith("fp_", StringComparison.Ordinal));

        var (revokeCode, _, _) = await CliRunner.RunAsync(Env(), "center", "revoke", "cn-eg");
        Assert.Equal(0, revokeCode);

        var tokenFile = await WriteFileAsync("revoked.token", token);
        var (statusCode, _, statusError) = await CliRunner.RunAsync(Env(tokenFile), "status");
        Assert.Equal(4, statusCode);
        Assert.Contains("not authenticated", statusError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithReaderCredential_PermissionDenied()
    {
        var tokenFile = await WriteFileAsync("reader.token", federation.ReaderToken);

        var (exitCode, _, error) = await CliRunner.RunAsync(Env(tokenFile), "status");

        Assert.Equal(4, exitCode);
        Assert.Contains("permission denied", error, StringComparison.Ordinal);
    }
}
