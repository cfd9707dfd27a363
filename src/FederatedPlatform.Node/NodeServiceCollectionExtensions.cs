using System.Net;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Publishing.Internal;
using FederatedPlatform.Node.Replication.Internal;
using FederatedPlatform.Node.Services.Internal;
using FederatedPlatform.Node.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Node;

/// <summary>Registers a center's node: store, local gRPC API, publisher and replica.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the node. <see cref="NodeOptions"/> bind from the configuration section <c>Node</c>, then
    /// <paramref name="configure"/> runs; they are validated at start. Kestrel listens for HTTP/2 on
    /// <see cref="NodeOptions.ListenAddress"/>:<see cref="NodeOptions.ListenPort"/> (TLS when
    /// <see cref="NodeOptions.CertificatePath"/> is set). Map the API with <c>MapNodeService</c>.
    /// </summary>
    public static IServiceCollection AddFederatedNode(this IServiceCollection services, Action<NodeOptions>? configure = null)
    {
        services.AddOptions<NodeOptions>()
            .BindConfiguration(NodeOptions.SectionName)
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<NodeOptions>>().Value);
        services.TryAddSingleton(provider => new NodeStore(provider.GetRequiredService<NodeOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<NodeHealth>();
        services.TryAddSingleton<HubClient>();
        services.TryAddSingleton<NodeGrpcService>();

        services.AddGrpcRuntime();
        services.AddOptions<GrpcServerOptions>().Configure<IOptions<NodeOptions>>((grpc, node) => grpc.MaxReceiveMessageSize = node.Value.MaxRequestBytes);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<NodeOptions>>((kestrel, node) =>
        {
            var options = node.Value;
            kestrel.ListenGrpc(IPAddress.Parse(options.ListenAddress), options.ListenPort, options.CertificatePath, options.CertificatePassword);
            kestrel.Limits.MaxRequestBodySize = null;
        });

        // Order matters: the store opens (StartingAsync) before Kestrel or either stream starts.
        services.AddHostedService<NodeStartup>();
        services.AddHostedService<Publisher>();
        services.AddHostedService<ReplicaFollower>();
        services.AddHostedService<ReplicaIndexBuilder>();
        return services;
    }
}
