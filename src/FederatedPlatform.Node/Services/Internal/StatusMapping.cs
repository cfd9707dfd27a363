using System.Data.Common;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Storage;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Services.Internal;

/// <summary>
/// The one place where the store's refusals become gRPC statuses. A database error is UNAVAILABLE when a
/// retry may succeed (the file is locked by another connection past the busy timeout), INTERNAL otherwise;
/// its transaction is rolled back. The detail names the cause: this API serves the center's own tools.
/// </summary>
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
        catch (DbException e)
        {
            throw ToRpcException(e);
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner)
        {
            throw ToRpcException(inner);
        }
    }

    public static RpcException ToRpcException(DbException e) => StorageFailures.IsTransient(e)
        ? new(StatusCode.Unavailable, $"the node's database is busy (locked by another connection); nothing was written, retry: {e.Message}")
        : new(StatusCode.Internal, $"the node's database failed; nothing was written: {e.Message}");

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
