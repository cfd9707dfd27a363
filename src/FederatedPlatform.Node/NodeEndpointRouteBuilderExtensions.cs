using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Services.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Node;

/// <summary>Maps the node's local gRPC API.</summary>
public static class NodeEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>fedplat.v1.Node</c> (see protos/fedplat/v1/node.proto).</summary>
    public static IEndpointConventionBuilder MapNodeService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService(endpoints.ServiceProvider.GetRequiredService<NodeGrpcService>().Build());
}
