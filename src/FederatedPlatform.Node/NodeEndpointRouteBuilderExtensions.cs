using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Services.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Node;

/// <summary>Maps the node's local gRPC API.</summary>
public static class NodeEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>fedplat.v1.Node</c> (see protos/fedplat/v1/node.proto) and <c>fedplat.v1.CatalogSearch</c> over the replica.</summary>
    public static IEndpointConventionBuilder MapNodeService(this IEndpointRouteBuilder endpoints)
    {
        var service = endpoints.ServiceProvider.GetRequiredService<NodeGrpcService>();
        endpoints.MapGrpcService(service.BuildSearch());
        return endpoints.MapGrpcService(service.Build());
    }
}
