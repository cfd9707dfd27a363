using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>A real hub in-process: Kestrel on a dynamic loopback port, a fresh catalog of the store under test, a fake clock.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly bool _expectErrors;
    private readonly bool _ownsLocation;
    private readonly List<GrpcChannel> _channels = [];

    private TestHub(HubHost host, TestStoreLocation location, FakeTimeProvider time, ErrorCollectingLoggerProvider log, bool expectErrors, bool ownsLocation)
    {
        _ownsLocation = ownsLocation;
        Host = host;
        Location = location;
        Time = time;
        Log = log;
        _expectErrors = expectErrors;
        OperatorToken = File.ReadAllText(host.OperatorTokenPath).Trim();
        Channel = NewChannel();
        Operator = Client(OperatorToken);
    }

    public static DateTimeOffset Start { get; } = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public HubHost Host { get; }

    /// <summary>Where the catalog lives (a SQLite file or a PostgreSQL schema) and the token files.</summary>
    public TestStoreLocation Location { get; }

    public FakeTimeProvider Time { get; }

    public ErrorCollectingLoggerProvider Log { get; }

    public string OperatorToken { get; }

    public GrpcChannel Channel { get; }

    public HubClient Operator { get; }

    /// <summary>The hub's catalog, as its services use it.</summary>
    public CatalogStore Store => Service<HubCatalog>().Store;

    /// <summary>A hub on a fresh catalog of <paramref name="store"/>, removed on dispose.</summary>
    public static async Task<TestHub> StartAsync(ITestStore store, Action<HubOptions>? configure = null, bool expectErrors = false) =>
        await StartAsync(await store.CreateLocationAsync(), configure, expectErrors, ownsLocation: true);

    /// <summary>A hub on the catalog at <paramref name="location"/> (kept on dispose, for restarts).</summary>
    public static Task<TestHub> StartAsync(TestStoreLocation location, Action<HubOptions>? configure = null, bool expectErrors = false) =>
        StartAsync(location, configure, expectErrors, ownsLocation: false);

    /// <summary>Points the options at the location's catalog.</summary>
    public static void UseLocation(HubOptions options, TestStoreLocation location)
    {
        options.DatabasePath = Path.Combine(location.Directory, "hub.db");
        options.PostgresConnectionString = location.PostgresConnectionString;
    }

    private static async Task<TestHub> StartAsync(TestStoreLocation location, Action<HubOptions>? configure, bool expectErrors, bool ownsLocation)
    {
        var time = new FakeTimeProvider(Start);
        var log = new ErrorCollectingLoggerProvider();
        var builder = HubHost.CreateBuilder([], o =>
        {
            UseLocation(o, location);
            o.Port = 0;
            o.RequestsPerSecondPerCredential = 1_000_000;
            o.RequestBurstPerCredential = 1_000_000;
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders().AddProvider(log);
        var host = await HubHost.StartAsync(builder).WithTimeout();
        return new TestHub(host, location, time, log, expectErrors, ownsLocation);
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
        if (_ownsLocation)
        {
            await Location.DeleteAsync();
        }

        if (!_expectErrors)
        {
            Log.AssertNoErrors();
        }
    }
}
