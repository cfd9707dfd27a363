using FederatedPlatform.Catalog.Indexing;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Matchmaking.Internal;
using FederatedPlatform.Hub.Publishing.Internal;
using FederatedPlatform.Hub.Reading.Internal;
using FederatedPlatform.Hub.Registry.Internal;
using FederatedPlatform.Hub.Retention.Internal;
using FederatedPlatform.Hub.Searching;
using FederatedPlatform.Hub.Searching.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using FederatedPlatform.Search;
using FederatedPlatform.Search.Matchmaking;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub;

/// <summary>Registers the hub in an ASP.NET Core application; map it with <see cref="HubEndpointRouteBuilderExtensions.MapFederationHub"/>.</summary>
public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hub: <see cref="HubOptions"/> bound from section <c>Hub</c> of <paramref name="configuration"/>
    /// (then <paramref name="configure"/>) and validated at start; a Kestrel HTTP/2 listener (h2c, or TLS
    /// when a certificate is configured); the gRPC runtime with the hub's authentication interceptor;
    /// the catalog, opened (schema created) before the server listens; the fan-out and retention loops.
    /// </summary>
    public static IServiceCollection AddFederationHub(
        this IServiceCollection services, IConfiguration configuration, Action<HubOptions>? configure = null)
    {
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.SectionName)).ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubOptions>, HubOptionsValidator>());
        services.AddGrpcRuntime();
        services.AddOptions<GrpcServerOptions>().Configure<IOptions<HubOptions>>((grpc, hub) =>
        {
            grpc.MaxReceiveMessageSize = hub.Value.MaxMessageSize;
            grpc.Interceptors.Add<HubCallInterceptor>();
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HubOptions>>((kestrel, hub) =>
            kestrel.ListenGrpc(System.Net.IPAddress.Parse(hub.Value.ListenAddress), hub.Value.Port, hub.Value.CertificatePath, hub.Value.CertificatePassword));

        // Start order matters: the catalog opens first, the fan-out reads its position next.
        // The search index lives beside the catalog, in its database, so it is written in the catalog's transactions.
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<IOptions<HubOptions>>().Value.PostgresConnectionString is null
            ? new SqliteSearchIndex()
            : new PostgresSearchIndex());
        services.AddSingleton<ICatalogIndexer, SearchCatalogIndexer>();
        services.AddSingleton<HubCatalog>();
        services.AddSingleton<FeedNotifier>();
        services.AddSingleton<CompactionLoop>();
        services.AddSingleton<SearchMergeLoop>();
        services.AddSingleton<CommitListener>();
        services.AddHostedService(sp => sp.GetRequiredService<HubCatalog>());
        services.AddHostedService(sp => sp.GetRequiredService<FeedNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<CommitListener>());
        services.AddHostedService(sp => sp.GetRequiredService<CompactionLoop>());
        services.AddHostedService(sp => sp.GetRequiredService<SearchMergeLoop>());
        services.AddSingleton(sp => new Matchmaker(sp.GetRequiredService<ISearchIndex>()));
        services.AddSingleton<SuggestionSignal>();
        services.AddSingleton<MatchmakingLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchmakingLoop>());

        services.AddSingleton<CredentialCache>();
        services.AddSingleton<CredentialStreams>();
        services.AddSingleton<RequestRateLimiter>();
        services.AddSingleton<PublishStreams>();
        services.AddSingleton<SnapshotGate>();
        services.AddSingleton<PublishService>();
        services.AddSingleton<WatchService>();
        services.AddSingleton<ReadService>();
        services.AddSingleton<RegistryService>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<MatchmakingService>();
        return services;
    }
}
