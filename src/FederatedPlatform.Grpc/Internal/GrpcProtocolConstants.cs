namespace FederatedPlatform.Grpc.Internal;

internal static class GrpcProtocolConstants
{
    public const string GrpcContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string MessageEncodingHeader = "grpc-encoding";
    public const string MessageAcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string IdentityEncoding = "identity";
    public const string UserAgent = "fedplat-grpc-dotnet/1.0";
    public const int HeaderSize = 5;

    /// <summary>Headers that belong to the protocol and are never surfaced as call metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("server", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) && !name.Equals(StatusDetailsTrailer, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for <c>application/grpc</c> and <c>application/grpc+proto</c> (with optional parameters).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (contentType.Length == GrpcContentType.Length)
        {
            return true;
        }
        var next = contentType[GrpcContentType.Length];
        return next is '+' or ';';
    }
}
