using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Storage;

namespace FederatedPlatform.Node.Services.Internal;

/// <summary>The one place where the store's refusals become gRPC statuses.</summary>
internal static class StatusMapping
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (NodeStoreException e)
        {
            throw ToRpcException(e);
        }
    }

    public static RpcException ToRpcException(NodeStoreException e) => new(ToStatusCode(e.Code), e.Message);

    public static StatusCode ToStatusCode(NodeStoreErrorCode code) => code switch
    {
        NodeStoreErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        NodeStoreErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        NodeStoreErrorCode.NotFound => StatusCode.NotFound,
        NodeStoreErrorCode.AlreadyExists => StatusCode.AlreadyExists,
        NodeStoreErrorCode.VersionMismatch => StatusCode.Aborted,
        NodeStoreErrorCode.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    public static RpcException Invalid(string field, string reason) => new(StatusCode.InvalidArgument, $"{field}: {reason}");
}
