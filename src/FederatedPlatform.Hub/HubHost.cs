using FederatedPlatform.Hub.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub;

/// <summary>
/// A running hub: build it with <see cref="CreateBuilder"/> (ASP.NET Core configuration: appsettings.json,
/// environment, command line, section <c>Hub</c>), start it with <see cref="StartAsync(WebApplicationBuilder, CancellationToken)"/>,
/// and stop it by disposing. In-process use (tests, the demo) typically sets <see cref="HubOptions.Port"/> to 0
/// and reads the chosen port from <see cref="Address"/>.
/// </summary>
public sealed class HubHost : IAsyncDisposable
{
    private int _disposed;

    private HubHost(WebApplication app)
    {
        App = app;
        Options = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The hub's server reports no listening address.");
        Address = new Uri(address);
    }

    /// <summary>The started application.</summary>
    public WebApplication App { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Where clients connect, e.g. <c>http://127.0.0.1:54321</c> (<c>https://</c> with TLS).</summary>
    public Uri Address { get; }

    /// <summary>The validated options the hub runs with.</summary>
    public HubOptions Options { get; }

    /// <summary>The hub database's identity (Welcome.hub_epoch, FederationHealth.hub_epoch).</summary>
    public string HubEpoch => Services.GetRequiredService<HubCatalog>().Store.Identity.Epoch;

    /// <summary>Where the first start wrote the operator token.</summary>
    public string OperatorTokenPath => Options.ResolveOperatorTokenPath();

    /// <summary>A builder with the hub's services added; configure it further before starting.</summary>
    /// <param name="args">Command-line arguments (configuration such as <c>--Hub:Port=0</c>).</param>
    /// <param name="configure">Applied after configuration binding.</param>
    public static WebApplicationBuilder CreateBuilder(string[]? args = null, Action<HubOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.AddFederationHub(builder.Configuration, configure);
        return builder;
    }

    /// <summary>Builds, maps and starts the hub; the catalog is open and the port bound when this returns.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public static async Task<HubHost> StartAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var app = builder.Build();
        app.MapFederationHub();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var host = new HubHost(app);
        HubLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<HubHost>(), host.Address.ToString(), app.Services.GetRequiredService<HubCatalog>().Store.Description);
        return host;
    }

    /// <summary>Starts a hub configured in code only (no command line).</summary>
    public static Task<HubHost> StartAsync(Action<HubOptions> configure, CancellationToken cancellationToken = default) =>
        StartAsync(CreateBuilder(null, configure), cancellationToken);

    /// <summary>Completes when the application is asked to stop (Ctrl-C, SIGTERM) and has stopped.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => App.WaitForShutdownAsync(cancellationToken);

    /// <summary>Ends open streams (UNAVAILABLE), stops listening and closes the catalog.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => App.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
