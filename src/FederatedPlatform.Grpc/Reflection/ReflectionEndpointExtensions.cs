using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using V1 = FederatedPlatform.Grpc.Reflection.V1;
using V1Alpha = FederatedPlatform.Grpc.Reflection.V1Alpha;

namespace FederatedPlatform.Grpc;

/// <summary>Maps the standard server reflection services.</summary>
public static class ReflectionEndpointExtensions
{
    /// <summary>Maps <c>grpc.reflection.v1.ServerReflection</c> and <c>grpc.reflection.v1alpha.ServerReflection</c>.</summary>
    public static void MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        var service = new ReflectionService(endpoints.ServiceProvider.GetRequiredService<Internal.GrpcServiceRegistry>());
        endpoints.MapGrpcService(GrpcServiceBuilder.For(V1.ReflectionReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ServerReflection"))
            .DuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", service.ServerReflectionInfo)
            .Build());
        endpoints.MapGrpcService(GrpcServiceBuilder.For(V1Alpha.ReflectionReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ServerReflection"))
            .DuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", service.ServerReflectionInfoAlpha)
            .Build());
    }
}
