using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Tests.TestSupport;

/// <summary>A real Kestrel server on a dynamic loopback port, h2c, plus an HTTP/1.1-only listener for protocol tests.</summary>
public sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _expectErrors;

    private TestGrpcServer(WebApplication app, ErrorCollectingLoggerProvider log, bool expectErrors)
    {
        _app = app;
        Log = log;
        _expectErrors = expectErrors;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
        Port = addresses[0];
        Http1Port = addresses[1];
    }

    public int Port { get; }

    public int Http1Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public ErrorCollectingLoggerProvider Log { get; }

    public static async Task<TestGrpcServer> StartAsync(
        Action<IEndpointRouteBuilder> map,
        Action<GrpcServerOptions>? configure = null,
        bool expectErrors = false)
    {
        var log = new ErrorCollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenGrpc(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpcRuntime(configure);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TestGrpcServer(app, log, expectErrors);
    }

    /// <summary>A server with TestService bound to the given handlers (unbound methods answer UNIMPLEMENTED).</summary>
    public static Task<TestGrpcServer> StartAsync(Func<GrpcServiceBuilder, GrpcServiceBuilder> bind, Action<GrpcServerOptions>? configure = null, bool expectErrors = false) =>
        StartAsync(app => app.MapGrpcService(bind(GrpcServiceBuilder.For(TestServices.TestService)).Build()), configure, expectErrors);

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!_expectErrors)
        {
            Log.AssertNoErrors();
        }
    }
}
