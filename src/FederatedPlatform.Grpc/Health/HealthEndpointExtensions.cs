using FederatedPlatform.Grpc.Health.V1;
using FederatedPlatform.Grpc.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Grpc;

/// <summary>Maps the standard health service.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>Maps <c>grpc.health.v1.Health</c>; services mapped before or after are reported SERVING.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.ServiceProvider.GetRequiredService<HealthService>();
        var registry = endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>();
        foreach (var service in registry.Services)
        {
            health.MarkServing(service.FullName);
        }
        registry.ServiceAdded += service => health.MarkServing(service.FullName);
        var definition = GrpcServiceBuilder.For(HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health"))
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", health.Check)
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", health.Watch)
            .Build();
        return endpoints.MapGrpcService(definition);
    }
}
