using System.Net;
using System.Net.Sockets;
using System.Text;
using FederatedPlatform.Grpc.Tests.TestSupport;
using Google.Protobuf;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Server;

/// <summary>Malformed input from the network ends that call with the right status and disturbs nothing else.</summary>
public sealed class MalformedInputTests
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";

    private static Task<TestGrpcServer> StartEchoServerAsync(Action<GrpcServerOptions>? configure = null) =>
        TestGrpcServer.StartAsync(b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall",
            (request, _) => Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } })), configure);

    [Fact]
    public async Task TruncatedFrame_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();
        var frame = RawGrpc.Frame(new byte[3], declaredLength: 10);

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, frame);

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("Incomplete message", result.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LengthPrefixOverLimit_EndsCallWithResourceExhausted()
    {
        await using var sut = await StartEchoServerAsync(o => o.MaxReceiveMessageSize = 1024);
        var frame = RawGrpc.Frame([], declaredLength: 1024 * 1024);

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, frame);

        Assert.Equal((int)StatusCode.ResourceExhausted, result.GrpcStatus);
    }

    [Fact]
    public async Task CompressedFlagWithoutEncoding_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();
        var frame = RawGrpc.Frame(new SimpleRequest { ResponseSize = 1 }.ToByteArray(), flag: 1);

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, frame);

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("without a grpc-encoding", result.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidProtobuf_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();
        var frame = RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, frame);

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("deserialize", result.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCompressedFlagByte_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, RawGrpc.Frame([], flag: 7));

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Fact]
    public async Task CorruptGzip_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();
        var headers = new Dictionary<string, string> { ["grpc-encoding"] = "gzip" };

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, RawGrpc.Frame(Encoding.ASCII.GetBytes("not gzip at all"), flag: 1), headers);

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Fact]
    public async Task UnsupportedEncoding_AnswersUnimplementedWithAcceptEncoding()
    {
        await using var sut = await StartEchoServerAsync();
        var headers = new Dictionary<string, string> { ["grpc-encoding"] = "snappy" };

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, RawGrpc.Frame(new SimpleRequest()), headers);

        Assert.Equal((int)StatusCode.Unimplemented, result.GrpcStatus);
        Assert.Contains("gzip", result.Response.Headers.GetValues("grpc-accept-encoding").First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoMessagesOnUnaryCall_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();
        var body = RawGrpc.Frame(new SimpleRequest()).Concat(RawGrpc.Frame(new SimpleRequest())).ToArray();

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, body);

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Fact]
    public async Task EmptyUnaryRequestStream_EndsCallWithInternal()
    {
        await using var sut = await StartEchoServerAsync();

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, []);

        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Fact]
    public async Task WrongContentType_Answers415()
    {
        await using var sut = await StartEchoServerAsync();

        var result = await RawGrpc.SendAsync(sut.Port, UnaryPath, RawGrpc.Frame(new SimpleRequest()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, result.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Fact]
    public async Task Http11Request_Answers426()
    {
        await using var sut = await StartEchoServerAsync();

        var result = await RawGrpc.SendAsync(sut.Http1Port, UnaryPath, RawGrpc.Frame(new SimpleRequest()), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, result.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/EmptyCall")]
    [InlineData("/grpc.testing.NoSuchService/Call")]
    public async Task UnknownOrUnboundMethod_AnswersUnimplementedTrailersOnly(string path)
    {
        await using var sut = await StartEchoServerAsync();

        var result = await RawGrpc.SendAsync(sut.Port, path, RawGrpc.Frame([]));

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("12", result.Response.Headers.GetValues("grpc-status").Single());
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task GarbageOnTheWire_ClosesThatConnectionAndOtherCallsGoOn()
    {
        await using var sut = await StartEchoServerAsync();
        using var channel = sut.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        Assert.NotNull(await invoker.AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest { ResponseSize = 1 }).ResponseAsync.WithTimeout());

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, sut.Port).WithTimeout();
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GARBAGE \u0000\u0001\u0002 NOT HTTP/2\r\n\r\n" + new string('x', 4096))).AsTask().WithTimeout();
            var buffer = new byte[1024];
            while (await stream.ReadAsync(buffer).AsTask().WithTimeout() > 0)
            {
            }
        }

        var response = await invoker.AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest { ResponseSize = 7 }).ResponseAsync.WithTimeout();
        Assert.Equal(7, response.Payload.Body.Length);
    }

    [Fact]
    public async Task MalformedCall_DoesNotDisturbConcurrentStreamOnSameConnection()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sut = await TestGrpcServer.StartAsync(b => b
            .Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, _) => Task.FromResult(new SimpleResponse()))
            .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (request, responses, context) =>
            {
                await responses.WriteAsync(new StreamingOutputCallResponse());
                await release.Task.WaitAsync(context.CancellationToken);
                await responses.WriteAsync(new StreamingOutputCallResponse());
            }));
        using var handler = new SocketsHttpHandler();
        using var channel = sut.CreateChannel(new GrpcChannelOptions { HttpHandler = handler, DisposeHttpHandler = false });
        var invoker = channel.CreateCallInvoker();
        using var stream = invoker.AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        using (var client = new HttpClient(handler, disposeHandler: false))
        using (var request = new HttpRequestMessage(HttpMethod.Post, sut.Address + UnaryPath)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpc.Frame([0xFF, 0xFF, 0xFF], declaredLength: 100)),
        })
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
            using var response = await client.SendAsync(request).WithTimeout();
            await response.Content.ReadAsByteArrayAsync().WithTimeout();
            // Nothing was written before the failure, so the status comes trailers-only, in the headers.
            Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
        }

        release.SetResult();
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.False(await stream.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
    }
}
