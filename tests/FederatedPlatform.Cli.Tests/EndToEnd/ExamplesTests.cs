using System.Diagnostics;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Tests.EndToEnd;

/// <summary>The examples/ clients (grpc-js and grpcio, built from protos/ alone) against a real hub.</summary>
public sealed class ExamplesTests(LiveFederationFixture federation) : IClassFixture<LiveFederationFixture>
{
    private static string Examples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.Directory.Exists(Path.Combine(dir.FullName, "examples")) && File.Exists(Path.Combine(dir.FullName, "FederatedPlatform.sln")))
            {
                return Path.Combine(dir.FullName, "examples");
            }
        }
        throw new DirectoryNotFoundException("examples/ not found");
    }

    private async Task EnsureRecordAsync()
    {
        using var node = new Connection(federation.NodeAddress, null);
        var status = await node.UnaryAsync(Api.GetNodeStatus, new GetNodeStatusRequest(), CancellationToken.None);
        if (status.LastSeq == 0)
        {
            var record = new Contracts.V1.Record
            {
                Id = new RecordId { CenterId = "cn-om", LocalId = "example-1" },
                Kind = RecordKind.Need,
                Sector = Sector.WaterSaving,
                Country = "OM",
                Organization = "Ministry of Agriculture",
                CooperationModes = { CooperationMode.TechnicalService },
                Status = RecordStatus.Open,
                Need = new NeedDetails { Deadline = "2027-12-31" },
            };
            record.Title["en"] = "Drip irrigation for date palms";
            record.Title["ar"] = "الري بالتنقيط لأشجار النخيل";
            var request = new ImportRecordsRequest();
            request.Records.Add(record);
            var response = await node.UnaryAsync(Api.ImportRecords, request, CancellationToken.None);
            Assert.Empty(response.Errors);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((status = await node.UnaryAsync(Api.GetNodeStatus, new GetNodeStatusRequest(), CancellationToken.None)).AckedSeq < status.LastSeq || status.LastSeq == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the example record was not acknowledged by the hub in time");
            await Task.Yield();
        }
    }

    private async Task<string> RunAsync(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Examples() };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
        return await output;
    }

    [Theory]
    [InlineData("node", "node/catalog_client.js")]
    [InlineData("/usr/bin/python3", "python/catalog_client.py")]
    public async Task ExampleClient_ListAndWatch_SeeTheHubCatalog(string runtime, string script)
    {
        await EnsureRecordAsync();
        var hub = $"127.0.0.1:{federation.Hub.Address.Port}";

        var list = await RunAsync(runtime, script, "list", "--hub", hub, "--token", federation.ReaderToken);
        var watch = await RunAsync(runtime, script, "watch", "--hub", hub, "--token", federation.ReaderToken, "--limit", "1");

        Assert.Contains("cn-om/", list, StringComparison.Ordinal);
        Assert.Contains("upsert cn-om/", watch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node", "node/catalog_client.js")]
    [InlineData("/usr/bin/python3", "python/catalog_client.py")]
    public async Task ExampleClient_Search_FindsInArabicAndEnglishWithHighlights(string runtime, string script)
    {
        await EnsureRecordAsync();
        var hub = $"127.0.0.1:{federation.Hub.Address.Port}";

        var arabic = await RunAsync(runtime, script, "search", "النخيل", "--hub", hub, "--token", federation.ReaderToken);
        var english = await RunAsync(runtime, script, "search", "irrigation", "--kind", "need", "--hub", hub, "--token", federation.ReaderToken);
        var none = await RunAsync(runtime, script, "search", "irrigation", "--kind", "achievement", "--hub", hub, "--token", federation.ReaderToken);

        Assert.Contains("cn-om/example-1", arabic, StringComparison.Ordinal);
        Assert.Contains("cn-om/example-1\tDrip «irrigation» for date palms", english, StringComparison.Ordinal);
        Assert.DoesNotContain("cn-om/example-1", none, StringComparison.Ordinal);
    }
}
