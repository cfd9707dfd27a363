using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>A real hub in-process: Kestrel on a dynamic loopback port, a temporary SQLite file, a fake clock.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly bool _expectErrors;
    private readonly bool _ownsDirectory;
    private readonly List<GrpcChannel> _channels = [];

    private TestHub(HubHost host, string directory, FakeTimeProvider time, ErrorCollectingLoggerProvider log, bool expectErrors, bool ownsDirectory)
    {
        _ownsDirectory = ownsDirectory;
        Host = host;
        Directory = directory;
        Time = time;
        Log = log;
        _expectErrors = expectErrors;
        OperatorToken = File.ReadAllText(host.OperatorTokenPath).Trim();
        Channel = NewChannel();
        Operator = Client(OperatorToken);
    }

    public static DateTimeOffset Start { get; } = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public HubHost Host { get; }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "hub.db");

    public FakeTimeProvider Time { get; }

    public ErrorCollectingLoggerProvider Log { get; }

    public string OperatorToken { get; }

    public GrpcChannel Channel { get; }

    public HubClient Operator { get; }

    /// <summary>The hub's catalog, as its services use it.</summary>
    public CatalogStore Store => Service<HubCatalog>().Store;

    public static async Task<TestHub> StartAsync(Action<HubOptions>? configure = null, bool expectErrors = false, string? directory = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "fedplat-hub-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(Start);
        var log = new ErrorCollectingLoggerProvider();
        var builder = HubHost.CreateBuilder([], o =>
        {
            o.DatabasePath = Path.Combine(directory, "hub.db");
            o.Port = 0;
            o.RequestsPerSecondPerCredential = 1_000_000;
            o.RequestBurstPerCredential = 1_000_000;
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders().AddProvider(log);
        var host = await HubHost.StartAsync(builder).WithTimeout();
        return new TestHub(host, directory, time, log, expectErrors, ownsDirectory);
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>A client on its own HTTP/2 connection (so one stalled stream cannot hold up another's).</summary>
    public GrpcChannel NewChannel()
    {
        var channel = GrpcChannel.ForAddress(Host.Address);
        _channels.Add(channel);
        return channel;
    }

    public HubClient Client(string? token, GrpcChannel? channel = null) => new((channel ?? Channel).CreateCallInvoker(), token);

    /// <summary>Registers a center and returns a client with a new credential of it.</summary>
    public async Task<HubClient> AddCenterAsync(string centerId)
    {
        await Operator.RegisterCenterAsync(centerId);
        var issued = await Operator.IssueCredentialAsync(Role.Center, centerId);
        return Client(issued.Token);
    }

    public async Task<HubClient> AddReaderAsync()
    {
        var issued = await Operator.IssueCredentialAsync(Role.Reader);
        return Client(issued.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await Host.DisposeAsync().AsTask().WithTimeout();
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        if (!_expectErrors)
        {
            Log.AssertNoErrors();
        }
    }
}
