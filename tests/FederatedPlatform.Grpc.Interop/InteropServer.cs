using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Interop;

/// <summary>Hosts TestService (plus health and reflection) on 127.0.0.1, h2c.</summary>
public sealed class InteropServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InteropServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>The address to dial, <c>http://127.0.0.1:port</c>.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the server; port 0 picks a free one.</summary>
    public static async Task<InteropServer> StartAsync(int port, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, port));
        builder.Services.AddGrpcRuntime();
        var app = builder.Build();
        app.MapGrpcService(TestServiceImpl.CreateDefinition());
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InteropServer(app, new Uri(address).Port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
