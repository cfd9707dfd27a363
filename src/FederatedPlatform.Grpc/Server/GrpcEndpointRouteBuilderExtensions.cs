using FederatedPlatform.Grpc.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Grpc;

/// <summary>Maps gRPC services to ASP.NET Core endpoints.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of the service to <c>POST /package.Service/Method</c>. Unbound methods, and any
    /// unknown <c>/service/method</c>, answer UNIMPLEMENTED.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition service)
    {
        var provider = endpoints.ServiceProvider;
        var runtime = provider.GetService<ServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcRuntime() before mapping gRPC services.");
        var registry = provider.GetRequiredService<GrpcServiceRegistry>();
        var interceptors = registry.GetInterceptors(provider, runtime.Options);

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in service.Descriptor.Methods)
        {
            var path = "/" + service.Descriptor.FullName + "/" + method.Name;
            var handler = service.Bindings.TryGetValue(method.Name, out var binding)
                ? binding.CreateRequestDelegate(runtime, interceptors)
                : UnimplementedCallHandler.Create(runtime, $"Method '{path}' is unimplemented.");
            builders.Add(endpoints.MapPost(path, handler).WithDisplayName("gRPC " + path));
        }
        registry.Add(service.Descriptor);

        if (registry.TryClaimUnimplementedRoute())
        {
            endpoints.MapPost("{unimplementedService}/{unimplementedMethod}", UnimplementedCallHandler.Create(runtime, "Service is unimplemented."))
                .WithDisplayName("gRPC unimplemented service");
        }
        return new CompositeEndpointConventionBuilder(builders);
    }

    private sealed class CompositeEndpointConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
