using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Node;
using FederatedPlatform.Node.Publishing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// A hub and its centers' nodes in this process, each on a dynamic loopback port; the nodes with their
/// own SQLite file in a temporary directory, the hub on the store under test (SQLite or PostgreSQL). The hub and every node can be stopped and started again on the same
/// file (the hub also on the same port, so the nodes reconnect by themselves).
/// </summary>
public sealed class Federation : IAsyncDisposable
{
    private readonly Action<HubOptions>? _configureHub;
    private readonly Action<NodeOptions>? _configureNodes;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeInstance> _nodes = new(StringComparer.Ordinal);
    private readonly List<NodeInstance> _extraNodes = [];
    private HubHost? _hub;
    private GrpcChannel? _hubChannel;
    private int _hubPort;

    private Federation(string directory, TestStoreLocation hubLocation, Action<HubOptions>? configureHub, Action<NodeOptions>? configureNodes)
    {
        Directory = directory;
        HubLocation = hubLocation;
        _configureHub = configureHub;
        _configureNodes = configureNodes;
    }

    public string Directory { get; }

    public string HubDatabasePath => Path.Combine(Directory, "hub.db");

    /// <summary>The hub's catalog: a SQLite file (<see cref="HubDatabasePath"/>) or a PostgreSQL schema other hub instances may share.</summary>
    public TestStoreLocation HubLocation { get; }

    public ErrorCollectingLoggerProvider Log { get; } = new();

    /// <summary>The hub's clock: real time plus an offset a test may advance (retention).</summary>
    public OffsetTimeProvider HubTime { get; } = new();

    public HubHost Hub => _hub ?? throw new InvalidOperationException("The hub is stopped.");

    public Uri HubAddress => new($"http://127.0.0.1:{_hubPort}");

    /// <summary>The operator's client (bootstrap token).</summary>
    public HubApi Operator { get; private set; } = null!;

    public string OperatorToken { get; private set; } = string.Empty;

    public IReadOnlyDictionary<string, NodeInstance> Nodes => _nodes;

    public NodeInstance this[string centerId] => _nodes[centerId];

    /// <summary>Starts a hub on SQLite, registers <paramref name="centers"/>, issues their credentials and starts one node per center.</summary>
    public static Task<Federation> StartAsync(
        IEnumerable<string> centers, Action<HubOptions>? configureHub = null, Action<NodeOptions>? configureNodes = null) =>
        StartAsync(SqliteTestStore.Instance, centers, configureHub, configureNodes);

    /// <summary>Starts a hub on a fresh catalog of <paramref name="store"/>, registers <paramref name="centers"/>, issues their credentials and starts one node per center.</summary>
    public static async Task<Federation> StartAsync(
        ITestStore store, IEnumerable<string> centers, Action<HubOptions>? configureHub = null, Action<NodeOptions>? configureNodes = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fedplat-federation-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var federation = new Federation(directory, await store.CreateLocationAsync(), configureHub, configureNodes);
        try
        {
            await federation.StartHubAsync();
            foreach (var center in centers)
            {
                await federation.RegisterCenterAsync(center);
                await federation.StartNodeAsync(center);
            }

            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers a center and issues its credential, without starting a node; returns the token.</summary>
    public async Task<string> RegisterCenterAsync(string centerId)
    {
        await Operator.RegisterCenterAsync(centerId);
        var issued = await Operator.IssueCredentialAsync(Role.Center, centerId);
        _tokens[centerId] = issued.Token;
        return issued.Token;
    }

    public string TokenOf(string centerId) => _tokens[centerId];

    /// <summary>A hub client of the center's credential, on its own connection.</summary>
    public HubApi CenterClient(string centerId) => new(HubChannel().CreateCallInvoker(), _tokens[centerId]);

    /// <summary>A hub client on a new connection of its own, so its streams are independent of the others'.</summary>
    public HubApi NewClient(string token) => new(HubChannel().CreateCallInvoker(), token);

    /// <summary>Starts the hub: the first time on a free port, later on the same file and port.</summary>
    public async Task StartHubAsync()
    {
        if (_hub is not null)
        {
            throw new InvalidOperationException("The hub is already running.");
        }

        var builder = HubHost.CreateBuilder([], o =>
        {
            o.DatabasePath = HubDatabasePath;
            o.PostgresConnectionString = HubLocation.PostgresConnectionString;
            o.OperatorTokenPath = Path.Combine(Directory, "operator.token");
            o.Port = _hubPort;
            o.RequestsPerSecondPerCredential = 1_000_000;
            o.RequestBurstPerCredential = 1_000_000;
            _configureHub?.Invoke(o);
        });
        builder.Services.AddSingleton<TimeProvider>(HubTime);
        builder.Logging.ClearProviders().AddProvider(Log.For("hub"));
        _hub = await HubHost.StartAsync(builder).WithTimeout();
        _hubPort = _hub.Address.Port;
        OperatorToken = (await File.ReadAllTextAsync(_hub.OperatorTokenPath)).Trim();
        Operator = NewClient(OperatorToken);
    }

    /// <summary>Stops the hub (its streams end UNAVAILABLE); the file and port stay for <see cref="StartHubAsync"/>.</summary>
    public async Task StopHubAsync()
    {
        var hub = _hub ?? throw new InvalidOperationException("The hub is not running.");
        _hub = null;
        _hubChannel?.Dispose();
        _hubChannel = null;
        await hub.DisposeAsync().AsTask().WithTimeout();
    }

    /// <summary>Starts the center's node on its database file (created the first time).</summary>
    public Task<NodeInstance> StartNodeAsync(string centerId, Uri? hubAddress = null, Action<NodeOptions>? configure = null) =>
        StartNodeAsync(centerId, hubAddress, configure, probe: null);

    /// <summary>Starts the center's node with a probe that can hold its publisher (fault tests).</summary>
    internal async Task<NodeInstance> StartNodeAsync(string centerId, Uri? hubAddress, Action<NodeOptions>? configure, PublishProbe? probe)
    {
        if (_nodes.TryGetValue(centerId, out var running) && running.IsRunning)
        {
            throw new InvalidOperationException($"The node of {centerId} is already running.");
        }

        var node = await StartNodeProcessAsync(centerId, NodeDatabasePath(centerId), hubAddress, configure, $"node {centerId}", probe);
        _nodes[centerId] = node;
        return node;
    }

    /// <summary>A second node process of <paramref name="centerId"/> on another database file (a copy, say); not part of convergence.</summary>
    public async Task<NodeInstance> StartExtraNodeAsync(string centerId, string databasePath, string name)
    {
        var node = await StartNodeProcessAsync(centerId, databasePath, null, null, name, null);
        _extraNodes.Add(node);
        return node;
    }

    public string NodeDatabasePath(string centerId) => Path.Combine(Directory, $"node-{centerId}.db");

    public Task StopNodeAsync(string centerId) => _nodes[centerId].StopAsync();

    private async Task<NodeInstance> StartNodeProcessAsync(
        string centerId, string databasePath, Uri? hubAddress, Action<NodeOptions>? configure, string name, PublishProbe? probe)
    {
        var address = (hubAddress ?? HubAddress).ToString();
        var app = NodeHost.Build(
            [],
            o =>
            {
                o.CenterId = centerId;
                o.HubAddress = address;
                o.Token = _tokens[centerId];
                o.DatabasePath = databasePath;
                o.ListenPort = 0;
                o.ReconnectDelayMin = TimeSpan.FromMilliseconds(5);
                o.ReconnectDelayMax = TimeSpan.FromMilliseconds(50);
                _configureNodes?.Invoke(o);
                configure?.Invoke(o);
            },
            b =>
            {
                b.Logging.ClearProviders().AddProvider(Log.For(name));
                if (probe is not null)
                {
                    b.Services.AddSingleton(probe);
                }
            });
        try
        {
            await app.StartAsync().WithTimeout();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new NodeInstance(centerId, name, app);
    }

    /// <summary>
    /// Waits until the federation is at rest and consistent: every running node is connected, has
    /// every change it wrote acknowledged, the hub's applied seq of its center equals its last seq,
    /// and its replica holds exactly the hub's live records (ids and versions).
    /// </summary>
    public Task WaitConvergedAsync(TimeSpan? timeout = null,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        Eventually.UntilAsync(ConvergenceGapAsync, timeout, file, line);

    /// <summary>Null when converged, otherwise the first difference found.</summary>
    public async Task<string?> ConvergenceGapAsync()
    {
        var health = await Operator.GetFederationHealthAsync();
        var hub = CatalogView.Live(await Operator.ListAllRecordsAsync());
        foreach (var node in _nodes.Values.Where(n => n.IsRunning))
        {
            var status = await node.Api.GetStatusAsync();
            if (status.Stopped)
            {
                return $"{node.Name} stopped: {status.LastError}";
            }

            if (!status.Connected || !status.ReplicaConnected)
            {
                return $"{node.Name} not connected (publish {status.Connected}, replica {status.ReplicaConnected}) {status.LastError}";
            }

            var applied = health.Centers.Single(c => c.CenterId == node.CenterId).AppliedSeq;
            if (status.AckedSeq != status.LastSeq || applied != status.LastSeq)
            {
                return $"{node.Name}: last seq {status.LastSeq}, acked {status.AckedSeq}, hub applied {applied}";
            }

            var replica = CatalogView.Live(await node.Api.ListReplicaAsync());
            if (replica.Difference(hub.AsSeenBy(node.CenterId)) is { } difference)
            {
                return $"{node.Name} replica differs from the hub: {difference}";
            }
        }

        return null;
    }

    /// <summary>The hub's catalog store, as its services use it (white-box checks of the change log).</summary>
    public CatalogStore HubStore => Hub.Services.GetRequiredService<HubCatalog>().Store;

    /// <summary>The hub's whole change log from its horizon on, in catalog sequence order.</summary>
    public async Task<List<CatalogChange>> ReadHubChangeLogAsync()
    {
        var feed = HubStore.Feed;
        var changes = new List<CatalogChange>();
        var position = (await feed.GetPositionAsync(CancellationToken.None)).HorizonSeq;
        while (true)
        {
            var page = await feed.ReadChangesAsync(position, CatalogFilter.All, 1000, 100_000, CancellationToken.None).WithTimeout();
            changes.AddRange(page.Changes);
            position = page.Through;
            if (page.AtHead)
            {
                return changes;
            }
        }
    }

    private GrpcChannel HubChannel() => _hubChannel ??= GrpcChannel.ForAddress(HubAddress);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values.Concat(_extraNodes))
        {
            await node.StopAsync();
        }

        if (_hub is not null)
        {
            await StopHubAsync();
        }

        await HubLocation.DeleteAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleanup; no result depends on it.
        }

        Log.AssertNoUnexpectedErrors();
    }
}

/// <summary>One node process of a federation.</summary>
public sealed class NodeInstance
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private int _stopped;

    internal NodeInstance(string centerId, string name, WebApplication app)
    {
        CenterId = centerId;
        Name = name;
        _app = app;
        _channel = GrpcChannel.ForAddress(app.GetListenAddress());
        Api = new NodeApi(_channel.CreateCallInvoker());
    }

    public string CenterId { get; }

    public string Name { get; }

    public NodeApi Api { get; }

    public bool IsRunning => Volatile.Read(ref _stopped) == 0;

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _channel.Dispose();
            await _app.StopAsync().WithTimeout();
            await _app.DisposeAsync().AsTask().WithTimeout();
        }
    }
}
