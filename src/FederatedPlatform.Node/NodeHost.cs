using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Node;

/// <summary>Builds the node process: what <c>fedplat node --center &lt;id&gt;</c> runs.</summary>
public static class NodeHost
{
    /// <summary>
    /// A web application serving the node: configuration from <paramref name="args"/>, environment
    /// variables and <c>appsettings.json</c> (section <c>Node</c>), then <paramref name="configure"/>;
    /// <paramref name="configureBuilder"/> may add logging or replace services (a TimeProvider, say)
    /// before it is built. Run it with <c>RunAsync</c>, or <c>StartAsync</c> and <see cref="GetListenAddress"/>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<NodeOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddFederatedNode(configure);
        configureBuilder?.Invoke(builder);
        var app = builder.Build();
        app.MapNodeService();
        return app;
    }

    /// <summary>The address the started node listens on, e.g. <c>http://127.0.0.1:7301</c> (useful with port 0).</summary>
    public static Uri GetListenAddress(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The node is not listening; start it first.");
        return new Uri(address);
    }
}
