using FederatedPlatform.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederatedPlatform.Grpc;

/// <summary>Registers the gRPC server runtime.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds the runtime, its options (section <c>Grpc</c> binds onto them when configured) and the health service.</summary>
    public static IServiceCollection AddGrpcRuntime(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServerRuntime>();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthService>();
        return services;
    }
}
