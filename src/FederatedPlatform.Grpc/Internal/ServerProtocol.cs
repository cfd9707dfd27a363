using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Checks that a request is gRPC at all, answering with the HTTP status the spec gives when not.</summary>
internal static class ServerProtocol
{
    public static bool ValidateRequest(HttpContext http, ServerRuntime runtime)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(http, runtime, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            http.Response.Headers.Upgrade = "h2c";
            return false;
        }
        if (!GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            Reject(http, runtime, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }
        return true;
    }

    private static void Reject(HttpContext http, ServerRuntime runtime, int httpStatus, string reason)
    {
        GrpcLog.RequestRejected(runtime.Logger, http.Request.Path, reason);
        var response = http.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(reason);
    }
}
