using FederatedPlatform.Hub;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Bench.Federation;

/// <summary>A hub in this process on a free loopback port, its catalog in the given directory, logging quiet.</summary>
public static class InProcessHub
{
    /// <param name="directory">The SQLite file's directory (and the operator token's).</param>
    /// <param name="publishBatchSize">Hub:PublishBatchSize.</param>
    /// <param name="postgres">A PostgreSQL catalog instead of the SQLite file; several hubs may share it.</param>
    /// <param name="operatorTokenPath">Where the operator token is (or is written): the first instance's, for the others.</param>
    /// <param name="matchmaking">Hub:Matchmaking: off where the measurement is ingest or replication, not the suggestions the hub computes behind them.</param>
    public static Task<HubHost> StartAsync(string directory, int publishBatchSize, string? postgres = null, string? operatorTokenPath = null, bool matchmaking = true) =>
        HubHost.StartAsync(Builder(directory, publishBatchSize, postgres, operatorTokenPath, matchmaking));

    private static Microsoft.AspNetCore.Builder.WebApplicationBuilder Builder(string directory, int publishBatchSize, string? postgres, string? operatorTokenPath, bool matchmaking)
    {
        var builder = HubHost.CreateBuilder([], o =>
        {
            o.DatabasePath = Path.Combine(directory, "hub.db");
            o.PostgresConnectionString = postgres;
            o.OperatorTokenPath = operatorTokenPath ?? Path.Combine(directory, "operator.token");
            o.Port = 0;
            o.PublishBatchSize = publishBatchSize;
            o.Matchmaking = matchmaking;
        });
        // The first-start notice about the operator token is expected here; real problems still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error).AddFilter("FederatedPlatform.Hub.Internal.HubCatalog", LogLevel.Error);
        return builder;
    }
}
