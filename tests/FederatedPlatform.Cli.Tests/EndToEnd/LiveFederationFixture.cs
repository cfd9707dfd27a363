using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Hub;
using FederatedPlatform.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Cli.Tests.EndToEnd;

/// <summary>A real hub and one real node (cn-om) on loopback, for driving the CLI and the examples against.</summary>
public sealed class LiveFederationFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("fedplat-cli-e2e-");
    private WebApplication? _node;

    public HubHost Hub { get; private set; } = null!;

    public string HubAddress => Hub.Address.ToString();

    public string NodeAddress { get; private set; } = string.Empty;

    public string OperatorTokenFile => Hub.OperatorTokenPath;

    public string ReaderToken { get; private set; } = string.Empty;

    public string Directory => _directory.FullName;

    public async Task InitializeAsync()
    {
        var builder = HubHost.CreateBuilder([], o =>
        {
            o.Port = 0;
            o.DatabasePath = Path.Combine(_directory.FullName, "hub.db");
        });
        builder.Logging.ClearProviders();
        Hub = await HubHost.StartAsync(builder);
        using var operations = new Connection(HubAddress, (await File.ReadAllTextAsync(OperatorTokenFile)).Trim());
        await operations.UnaryAsync(Api.RegisterCenter, new RegisterCenterRequest { CenterId = "cn-om", Country = "OM", Names = { ["en"] = "China–Oman Technology Transfer Center" } }, CancellationToken.None);
        var center = await operations.UnaryAsync(Api.IssueCredential, new IssueCredentialRequest { Role = Role.Center, CenterId = "cn-om" }, CancellationToken.None);
        ReaderToken = (await operations.UnaryAsync(Api.IssueCredential, new IssueCredentialRequest { Role = Role.Reader, Description = "examples" }, CancellationToken.None)).Token;
        _node = NodeHost.Build([], o =>
        {
            o.CenterId = "cn-om";
            o.HubAddress = HubAddress;
            o.Token = center.Token;
            o.DatabasePath = Path.Combine(_directory.FullName, "cn-om.node.db");
            o.ListenPort = 0;
        }, b => b.Logging.ClearProviders());
        await _node.StartAsync();
        NodeAddress = _node.GetListenAddress().ToString();
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }
        await Hub.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
