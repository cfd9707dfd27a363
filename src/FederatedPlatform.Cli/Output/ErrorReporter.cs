using FederatedPlatform.Grpc;

namespace FederatedPlatform.Cli.Output;

/// <summary>Turns every failure into one clear line and an exit code; never a stack trace.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter error)
    {
        var (message, code) = exception switch
        {
            CliException cli => (cli.Message, cli.ExitCode),
            RpcException { StatusCode: StatusCode.Unavailable } rpc => ($"cannot reach the server: {rpc.Status.Detail}", ExitCodes.Unreachable),
            RpcException { StatusCode: StatusCode.DeadlineExceeded } => ("the server did not answer in time", ExitCodes.Unreachable),
            RpcException { StatusCode: StatusCode.Unauthenticated } rpc => ($"not authenticated: {rpc.Status.Detail} (check --token / FEDPLAT_TOKEN)", ExitCodes.Unauthorized),
            RpcException { StatusCode: StatusCode.PermissionDenied } rpc => ($"permission denied: {rpc.Status.Detail}", ExitCodes.Unauthorized),
            RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.NotFound or StatusCode.AlreadyExists } rpc
                => ($"{rpc.StatusCode}: {rpc.Status.Detail}", ExitCodes.InvalidInput),
            RpcException rpc => ($"{rpc.StatusCode}: {rpc.Status.Detail}", ExitCodes.Failure),
            Catalog.CatalogException catalog => (catalog.Message, ExitCodes.Failure),
            Npgsql.NpgsqlException postgres => ($"cannot use the PostgreSQL catalog: {postgres.Message}", ExitCodes.Unreachable),
            FileNotFoundException notFound => ($"file not found: {notFound.FileName}", ExitCodes.InvalidInput),
            DirectoryNotFoundException dir => (dir.Message, ExitCodes.InvalidInput),
            UnauthorizedAccessException access => (access.Message, ExitCodes.InvalidInput),
            FormatException format => ($"invalid input: {format.Message}", ExitCodes.InvalidInput),
            System.Text.Json.JsonException json => ($"invalid JSON: {json.Message}", ExitCodes.InvalidInput),
            OperationCanceledException => ("cancelled", ExitCodes.Failure),
            _ => ($"unexpected error: {exception.GetType().Name}: {exception.Message}", ExitCodes.Failure),
        };
        error.WriteLine("fedplat: " + message);
        return code;
    }
}
