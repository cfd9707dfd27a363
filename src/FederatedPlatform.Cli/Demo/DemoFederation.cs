using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Import;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub;
using FederatedPlatform.Node;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Cli.Demo;

/// <summary>A hub and one node per seeded center, all on loopback in this process, with the embedded SQLite default.</summary>
internal sealed class DemoFederation : IAsyncDisposable
{
    private readonly List<DemoNode> _nodes = [];

    private DemoFederation(HubHost hub, string operatorToken, string dataDirectory)
    {
        Hub = hub;
        OperatorToken = operatorToken;
        DataDirectory = dataDirectory;
    }

    public HubHost Hub { get; }

    public string OperatorToken { get; }

    public string DataDirectory { get; }

    public IReadOnlyList<DemoNode> Nodes => _nodes;

    public static async Task<DemoFederation> StartAsync(IReadOnlyList<SeedCenter> centers, string dataDirectory, int hubPort, int nodePortBase, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = HubHost.CreateBuilder([], options =>
        {
            options.DatabasePath = Path.Combine(dataDirectory, "hub.db");
            options.OperatorTokenPath = Path.Combine(dataDirectory, "operator.token");
            options.Port = hubPort;
        });
        Quiet(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        HubHost hub;
        try
        {
            hub = await HubHost.StartAsync(builder, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"cannot start the hub on port {hubPort}: {ex.Message} (use --hub-port)", ExitCodes.Failure);
        }
        var federation = new DemoFederation(hub, (await File.ReadAllTextAsync(hub.OperatorTokenPath, cancellationToken)).Trim(), dataDirectory);
        try
        {
            using var operations = new Connection(hub.Address.ToString(), federation.OperatorToken);
            var members = centers.Where(c => c.Kind != "hub").ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var center = members[i];
                await RegisterAsync(operations, center, cancellationToken);
                var credential = await operations.UnaryAsync(Api.IssueCredential,
                    new IssueCredentialRequest { Role = Role.Center, CenterId = center.Id, Description = "fedplat demo" }, cancellationToken);
                var app = NodeHost.Build([], options =>
                {
                    options.CenterId = center.Id;
                    options.HubAddress = hub.Address.ToString();
                    options.Token = credential.Token;
                    options.DatabasePath = Path.Combine(dataDirectory, center.Id + ".node.db");
                    options.ListenPort = nodePortBase == 0 ? 0 : nodePortBase + i;
                }, b =>
                {
                    Quiet(b.Logging);
                    b.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
                });
                await app.StartAsync(cancellationToken);
                federation._nodes.Add(new DemoNode(center, app, app.GetListenAddress()));
            }
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    private static async Task RegisterAsync(Connection operations, SeedCenter center, CancellationToken cancellationToken)
    {
        var request = new RegisterCenterRequest { CenterId = center.Id, Country = center.Country };
        foreach (var (language, name) in center.Names)
        {
            request.Names[language] = name;
        }
        try
        {
            await operations.UnaryAsync(Api.RegisterCenter, request, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            // A kept --data directory: the center is registered from the last run.
        }
    }

    /// <summary>Imports seeds/records/&lt;center&gt;.json into each node; returns the number of records in the federation.</summary>
    public async Task<int> ImportSeedsAsync(string seedsDirectory, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var node in _nodes)
        {
            var file = Path.Combine(seedsDirectory, "records", node.Center.Id + ".json");
            if (!File.Exists(file))
            {
                continue;
            }
            IReadOnlyList<RecordRow> rows;
            await using (var stream = File.OpenRead(file))
            {
                rows = JsonRecordReader.Read(node.Center.Id, stream);
            }
            if (rows.FirstOrDefault(r => r.Error is not null) is { } bad)
            {
                throw new CliException($"{file}:{bad.Line}: {bad.Error}", ExitCodes.InvalidInput);
            }
            var response = await node.ImportAsync(rows.Select(r => r.Record!), cancellationToken);
            if (response.Errors.Count > 0)
            {
                var e = response.Errors[0];
                throw new CliException($"{file}: record {e.Index + 1}: {e.Field}: {e.Reason}", ExitCodes.InvalidInput);
            }
            node.Imported = rows.Count;
            total += rows.Count;
        }
        return total;
    }

    private static void Quiet(ILoggingBuilder logging) =>
        logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await Hub.DisposeAsync();
    }
}
