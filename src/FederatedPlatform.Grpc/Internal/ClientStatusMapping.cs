using System.Net;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>How transport outcomes become gRPC statuses on the client (http-grpc-status-mapping.md, PROTOCOL-HTTP2.md).</summary>
internal static class ClientStatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The status for an RST_STREAM or GOAWAY error code.</summary>
    public static StatusCode FromHttp2Error(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    public static Status FromException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return new Status(FromHttp2Error(protocol.ErrorCode), $"HTTP/2 error {protocol.ErrorCode} ({protocol.HttpRequestError}): {protocol.Message}", exception);
            }
        }
        return exception switch
        {
            RpcException rpc => rpc.Status,
            HttpRequestException http => new Status(StatusCode.Unavailable, $"Error starting gRPC call. {http.GetType().Name}: {http.Message}", exception),
            IOException io => new Status(StatusCode.Unavailable, $"Error reading from the server. {io.GetType().Name}: {io.Message}", exception),
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled.", exception),
            _ => new Status(StatusCode.Internal, $"Error in gRPC call. {exception.GetType().Name}: {exception.Message}", exception),
        };
    }
}
