using FederatedPlatform.Catalog;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Tests;

public abstract class HubHostTests(ITestStore store)
{
    [Fact]
    public async Task StartAsync_FirstStart_WritesOperatorTokenOnlyOwnerCanRead()
    {
        await using var sut = await TestHub.StartAsync(store);

        Assert.Equal(Path.Combine(sut.Location.Directory, "hub.operator-token"), sut.Host.OperatorTokenPath);
        Assert.StartsWith("fp_", sut.OperatorToken, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sut.Host.OperatorTokenPath));
        }

        var credentials = await sut.Operator.ListCredentialsAsync();
        Assert.Equal(Role.Operator, Assert.Single(credentials.Credentials).Role);
        Assert.DoesNotContain(sut.Log.Lines, line => line.Contains(sut.OperatorToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ExistingCatalog_KeepsCredentialsAndDoesNotBootstrapAgain()
    {
        var location = await store.CreateLocationAsync();
        string token;
        await using (var first = await TestHub.StartAsync(location))
        {
            token = first.OperatorToken;
            await first.AddCenterAsync("cn-om");
            File.Delete(first.Host.OperatorTokenPath);
            await first.Host.StopAsync().WithTimeout();
        }

        var sut = await StartWithoutTokenFileAsync(location);
        await using (sut.Host)
        {
            Assert.False(File.Exists(sut.Host.OperatorTokenPath));
            using var channel = GrpcChannel.ForAddress(sut.Host.Address);
            var client = new HubClient(channel.CreateCallInvoker(), token);
            var centers = await client.ListCentersAsync();
            Assert.Equal("cn-om", Assert.Single(centers.Centers).CenterId);
        }

        sut.Log.AssertNoErrors();
        await location.DeleteAsync();
    }

    [Fact]
    public async Task StartAsync_CatalogSchemaNewerThanThisBuild_RefusesWithOneLineMessage()
    {
        var location = await store.CreateLocationAsync();
        await (await TestHub.StartAsync(location)).DisposeAsync();
        await location.ExecuteSqlAsync("UPDATE hub_state SET schema_version = 2 WHERE id = 1");

        var error = await Assert.ThrowsAsync<CatalogException>(() => StartWithoutTokenFileAsync(location));

        Assert.Equal(CatalogErrorCode.SchemaTooNew, error.Code);
        Assert.Matches("^.+ has catalog schema version 2; this hub understands up to 1\\. Upgrade the hub\\.$", error.Message);
        await location.DeleteAsync();
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsNamingTheSettings()
    {
        var builder = HubHost.CreateBuilder([], o =>
        {
            o.DatabasePath = Path.Combine(Path.GetTempPath(), "fedplat-hub-tests", Guid.NewGuid().ToString("N"), "hub.db");
            o.Port = 0;
            o.ListenAddress = "not-an-address";
            o.PublishBatchSize = 0;
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubHost.StartAsync(builder).WithTimeout());

        Assert.Contains("Hub:ListenAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:PublishBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBuilder_CommandLine_BindsHubSection()
    {
        var builder = HubHost.CreateBuilder(["--Hub:Port=0", "--Hub:WatcherBufferSize=77", "--Hub:BookmarkInterval=00:00:05"]);
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        Assert.Equal(0, options.Port);
        Assert.Equal(77, options.WatcherBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BookmarkInterval);
    }

    [Fact]
    public async Task CreateBuilder_NoWatcherBufferSetting_WindowHoldsThirtySecondsAtAThousandChangesPerSecond()
    {
        // Watch output is held back by flow control, not buffered per stream: the shared window is the room
        // watchers have to lag behind a burst before they fall back to the log (issue 3's fan-out load).
        var builder = HubHost.CreateBuilder(["--Hub:Port=0"]);
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        Assert.True(options.WatcherBufferSize >= 30_000, $"WatcherBufferSize {options.WatcherBufferSize}");
    }

    [Fact]
    public async Task CreateBuilder_PostgresConnectionString_BoundFromCommandLine()
    {
        var builder = HubHost.CreateBuilder(["--Hub:PostgresConnectionString=Host=db;Database=fedplat"]);
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        Assert.Equal("Host=db;Database=fedplat", options.PostgresConnectionString);
    }

    [Fact]
    public async Task StopAsync_OpenWatch_EndsWithUnavailable()
    {
        await using var sut = await TestHub.StartAsync(store);
        var reader = await sut.AddReaderAsync();
        using var watch = reader.Watch();
        await watch.ReadSnapshotAsync();

        var stopping = sut.Host.StopAsync();
        var error = await watch.ReadErrorAsync();
        await stopping.WithTimeout();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static async Task<(HubHost Host, ErrorCollectingLoggerProvider Log)> StartWithoutTokenFileAsync(TestStoreLocation location)
    {
        var log = new ErrorCollectingLoggerProvider();
        var builder = HubHost.CreateBuilder([], o =>
        {
            TestHub.UseLocation(o, location);
            o.Port = 0;
        });
        builder.Logging.ClearProviders().AddProvider(log);
        return (await HubHost.StartAsync(builder).WithTimeout(), log);
    }
}

public sealed class SqliteHubHostTests() : HubHostTests(SqliteTestStore.Instance);

public sealed class PostgresHubHostTests(PostgresDatabase database) : HubHostTests(database), IClassFixture<PostgresDatabase>;
