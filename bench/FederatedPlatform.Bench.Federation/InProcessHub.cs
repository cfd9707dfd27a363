using FederatedPlatform.Hub;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Bench.Federation;

/// <summary>A hub in this process on a free loopback port, its catalog in the given directory, logging quiet.</summary>
public static class InProcessHub
{
    public static Task<HubHost> StartAsync(string directory, int publishBatchSize) =>
        HubHost.StartAsync(Builder(directory, publishBatchSize));

    private static Microsoft.AspNetCore.Builder.WebApplicationBuilder Builder(string directory, int publishBatchSize)
    {
        var builder = HubHost.CreateBuilder([], o =>
        {
            o.DatabasePath = Path.Combine(directory, "hub.db");
            o.OperatorTokenPath = Path.Combine(directory, "operator.token");
            o.Port = 0;
            o.PublishBatchSize = publishBatchSize;
        });
        // The first-start notice about the operator token is expected here; real problems still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error).AddFilter("FederatedPlatform.Hub.Internal.HubCatalog", LogLevel.Error);
        return builder;
    }
}
