using Google.Protobuf;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Interop;

/// <summary>grpc.testing.TestService as described in grpc's doc/interop-test-descriptions.md ("Server").</summary>
public sealed class TestServiceImpl
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    /// <summary>The service with every method bound except UnimplementedCall, which must answer UNIMPLEMENTED.</summary>
    public static ServerServiceDefinition CreateDefinition()
    {
        var impl = new TestServiceImpl();
        return GrpcServiceBuilder.For(TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService"))
            .Unary<Empty, Empty>("EmptyCall", impl.EmptyCall)
            .Unary<SimpleRequest, SimpleResponse>("UnaryCall", impl.UnaryCall)
            .Unary<SimpleRequest, SimpleResponse>("CacheableUnaryCall", impl.UnaryCall)
            .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", impl.StreamingOutputCall)
            .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", impl.StreamingInputCall)
            .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", impl.FullDuplexCall)
            .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("HalfDuplexCall", impl.HalfDuplexCall)
            .Build();
    }

    private Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    private async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        CheckExpectCompressed(request.ExpectCompressed, context);
        ThrowIfStatusRequested(request.ResponseStatus);
        if (request.ResponseCompressed?.Value == true)
        {
            context.ResponseEncoding = "gzip";
        }
        return new SimpleResponse { Payload = CreatePayload(request.ResponseSize) };
    }

    private async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        if (request.ResponseParameters.Any(p => p.Compressed?.Value == true))
        {
            context.ResponseEncoding = "gzip";
        }
        await WriteResponsesAsync(request, responses, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    private async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var total = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            CheckExpectCompressed(requests.Current.ExpectCompressed, context);
            total += requests.Current.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requests.MoveNext(context.CancellationToken))
        {
            ThrowIfStatusRequested(requests.Current.ResponseStatus);
            await WriteResponsesAsync(requests.Current, responses, context);
        }
    }

    private async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        var buffered = new List<StreamingOutputCallRequest>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            buffered.Add(requests.Current);
        }
        foreach (var request in buffered)
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await WriteResponsesAsync(request, responses, context);
        }
    }

    private static async Task WriteResponsesAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }
            responses.WriteOptions = parameters.Compressed?.Value == true ? WriteOptions.Default : new WriteOptions(WriteFlags.NoCompress);
            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(parameters.Size) }, context.CancellationToken);
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial } });
        }
        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }

    private static void CheckExpectCompressed(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed?.Value == true && !context.RequestMessageCompressed)
        {
            throw new RpcException(StatusCode.InvalidArgument, "Expected a compressed request message.");
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException((StatusCode)status.Code, status.Message);
        }
    }

    private static Payload CreatePayload(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
}
