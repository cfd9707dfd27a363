using FederatedPlatform.Grpc.Internal;
using FederatedPlatform.Grpc.Reflection.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Grpc;

/// <summary>
/// Server reflection (<c>grpc.reflection.v1</c> and <c>v1alpha</c>) over every service mapped in the
/// application, so generic tools can list and call them.
/// </summary>
internal sealed class ReflectionService(GrpcServiceRegistry registry)
{
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        var index = new SymbolIndex(registry.Services);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken))
        {
            await responses.WriteAsync(Answer(index, sent, requests.Current), context.CancellationToken);
        }
    }

    private static ServerReflectionResponse Answer(SymbolIndex index, HashSet<string> sent, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.Add(index.Services.Select(name => new ServiceResponse { Name = name }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, sent, index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, sent, index.FindSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var wanted = request.FileContainingExtension;
                var extension = index.FindExtensions(wanted.ContainingType)?.FirstOrDefault(e => e.FieldNumber == wanted.ExtensionNumber);
                SetFile(response, sent, extension?.File, $"Extension {wanted.ExtensionNumber} of '{wanted.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var extensions = index.FindExtensions(request.AllExtensionNumbersOfType);
                if (extensions is null)
                {
                    SetError(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                }
                else
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                    response.AllExtensionNumbersResponse.ExtensionNumber.Add(extensions.Select(e => e.FieldNumber));
                }
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "Empty or unknown reflection request.");
                break;
        }
        return response;
    }

    private static void SetFile(ServerReflectionResponse response, HashSet<string> sent, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }
        // The requested file always; its dependencies only if this stream has not carried them yet.
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.Add(file.SerializedData);
        sent.Add(file.Name);
        AddDependencies(files, sent, file);
        response.FileDescriptorResponse = files;
    }

    private static void AddDependencies(FileDescriptorResponse files, HashSet<string> sent, FileDescriptor file)
    {
        foreach (var dependency in file.Dependencies)
        {
            if (sent.Add(dependency.Name))
            {
                files.FileDescriptorProto.Add(dependency.SerializedData);
                AddDependencies(files, sent, dependency);
            }
        }
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    /// <summary>The v1alpha protocol is the same wire format; requests and responses are converted byte for byte.</summary>
    public async Task ServerReflectionInfoAlpha(
        IAsyncStreamReader<Reflection.V1Alpha.ServerReflectionRequest> requests,
        IServerStreamWriter<Reflection.V1Alpha.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        var index = new SymbolIndex(registry.Services);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
            var answer = Answer(index, sent, request);
            await responses.WriteAsync(Reflection.V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken);
        }
    }
}
