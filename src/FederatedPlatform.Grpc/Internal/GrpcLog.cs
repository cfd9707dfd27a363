using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Log events of the gRPC runtime: 1000–1099 server, 1100–1199 client.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(1000, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void HandlerError(ILogger logger, string method, Exception exception);

    [LoggerMessage(1001, LogLevel.Debug, "Call '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void CallEndedWithStatus(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(1002, LogLevel.Debug, "Call '{Method}' was cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(1003, LogLevel.Debug, "Deadline of call '{Method}' was exceeded.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(1004, LogLevel.Information, "Rejected request to '{Path}': {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(1005, LogLevel.Debug, "Could not send the end of call '{Method}' to a client that has gone away.")]
    public static partial void EndCallFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(1100, LogLevel.Debug, "Client call '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void ClientCallEnded(ILogger logger, string method, StatusCode statusCode, string detail);
}
