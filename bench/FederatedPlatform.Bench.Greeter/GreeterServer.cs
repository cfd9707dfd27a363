using System.Net;
using FederatedPlatform.Grpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Testing;
using Helloworld;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Bench.Greeter;

/// <summary>The benchmark server: SayHello, and StreamingFromServer sending the requested payload until cancelled.</summary>
public static class GreeterServer
{
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, port));
        builder.Services.AddGrpcRuntime();
        var app = builder.Build();
        app.MapGrpcService(GrpcServiceBuilder.For(HelloworldReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Greeter"))
            .Unary<HelloRequest, HelloReply>("SayHello", (request, _) => Task.FromResult(new HelloReply { Message = "Hello " + request.Name }))
            .Build());
        app.MapGrpcService(GrpcServiceBuilder.For(BenchmarkServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("BenchmarkService"))
            .ServerStreaming<SimpleRequest, SimpleResponse>("StreamingFromServer", StreamingFromServer)
            .Build());
        return app;
    }

    private static async Task StreamingFromServer(SimpleRequest request, IServerStreamWriter<SimpleResponse> responses, ServerCallContext context)
    {
        var response = new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } };
        try
        {
            while (!context.CancellationToken.IsCancellationRequested)
            {
                await responses.WriteAsync(response, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The client ends the stream by cancelling it: that is the normal end of this benchmark call.
        }
    }
}
