using FederatedPlatform.Grpc.Tests.TestSupport;
using Google.Protobuf;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Server;

/// <summary>Messages framed in advance (<see cref="FramedMessages"/>) reach the wire exactly as individual writes would.</summary>
public sealed class FramedMessagesTests
{
    private const string Path = "/grpc.testing.TestService/StreamingOutputCall";

    private static readonly StreamingOutputCallResponse[] Responses =
        [.. Enumerable.Range(1, 3).Select(i => new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[i * 10]) } })];

    private static Task<TestGrpcServer> ServeFramedAsync(Action<GrpcServerOptions>? configure = null, bool expectErrors = false) =>
        TestGrpcServer.StartAsync(
            b => b.ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (_, responses, context) =>
            {
                var builder = new FramedMessages.Builder();
                foreach (var response in Responses)
                {
                    builder.Add(response, TestServices.StreamingOutputCall.ResponseMarshaller);
                }

                await ((ISerializedMessageWriter)responses).WriteFramedAsync(builder.Build(), context.CancellationToken);
            }),
            configure,
            expectErrors);

    [Fact]
    public async Task WriteFramed_Uncompressed_SendsTheSameBytesAsOneWritePerMessage()
    {
        await using var sut = await ServeFramedAsync();

        var result = await RawGrpc.SendAsync(sut.Port, Path, RawGrpc.Frame(new StreamingOutputCallRequest()));

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal(Responses.SelectMany(RawGrpc.Frame).ToArray(), result.Body);
    }

    [Fact]
    public async Task WriteFramed_CallCompressesResponses_EachMessageCompressedAndReadBackInOrder()
    {
        await using var sut = await ServeFramedAsync(o => o.ResponseCompressionAlgorithm = "gzip");
        using var channel = sut.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());
        var received = new List<StreamingOutputCallResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout())
        {
            received.Add(call.ResponseStream.Current);
        }

        Assert.Equal(Responses, received);
        var raw = await RawGrpc.SendAsync(sut.Port, Path, RawGrpc.Frame(new StreamingOutputCallRequest()), new Dictionary<string, string> { ["grpc-accept-encoding"] = "gzip" });
        Assert.Equal("gzip", raw.Response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, raw.Body[0]);
    }

    [Fact]
    public async Task WriteFramed_OneMessageOverTheSendLimit_ResourceExhaustedAndNothingSent()
    {
        await using var sut = await ServeFramedAsync(o => o.MaxSendMessageSize = 25, expectErrors: true);

        var result = await RawGrpc.SendAsync(sut.Port, Path, RawGrpc.Frame(new StreamingOutputCallRequest()));

        Assert.Equal((int)StatusCode.ResourceExhausted, result.GrpcStatus);
        Assert.Empty(result.Body);
    }
}
