using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Answers UNIMPLEMENTED for unknown services and for methods a service did not bind.</summary>
internal static class UnimplementedCallHandler
{
    public static RequestDelegate Create(ServerRuntime runtime, string detail) => http =>
    {
        if (ServerProtocol.ValidateRequest(http, runtime))
        {
            var headers = http.Response.Headers;
            http.Response.ContentType = GrpcProtocolConstants.GrpcContentType;
            headers[GrpcProtocolConstants.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
            headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(detail);
        }
        return Task.CompletedTask;
    };
}
