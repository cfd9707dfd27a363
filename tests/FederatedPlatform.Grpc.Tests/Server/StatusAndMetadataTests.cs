using FederatedPlatform.Grpc.Tests.TestSupport;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Server;

public sealed class StatusAndMetadataTests
{
    [Fact]
    public async Task RpcExceptionWithDetailsAndTrailers_ReachesClientIntact()
    {
        byte[] details = [0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64];
        await using var server = await TestGrpcServer.StartAsync(b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, _) =>
            throw new RpcException(new Status(StatusCode.InvalidArgument, "title[ar]: longer than 300 characters ٪ 100%"),
                new Metadata { { Metadata.StatusDetailsKey, details }, { "field", "title" } })));
        using var sut = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("title[ar]: longer than 300 characters ٪ 100%", ex.Status.Detail);
        Assert.Equal(details, ex.Trailers.GetValueBytes(Metadata.StatusDetailsKey));
        Assert.Equal("title", ex.Trailers.GetValue("field"));
    }

    [Fact]
    public async Task RequestMetadata_StringAndBinary_ReachHandler()
    {
        Metadata? seen = null;
        await using var server = await TestGrpcServer.StartAsync(b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, context) =>
        {
            seen = context.RequestHeaders;
            return Task.FromResult(new SimpleResponse());
        }));
        using var sut = server.CreateChannel();
        var headers = new Metadata { { "x-center", "cn-om" }, { "x-blob-bin", new byte[] { 0, 1, 2, 255 } } };

        await sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, new CallOptions(headers), new SimpleRequest()).ResponseAsync.WithTimeout();

        Assert.Equal("cn-om", seen!.GetValue("x-center"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, seen.GetValueBytes("x-blob-bin"));
        Assert.Null(seen.Get("te"));
        Assert.Null(seen.Get("content-type"));
    }

    [Fact]
    public async Task HandlerThrowsUnexpectedException_ClientGetsUnknownAndServerLogsError()
    {
        await using var server = await TestGrpcServer.StartAsync(
            b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, _) => throw new InvalidOperationException("secret internals")),
            expectErrors: true);
        using var sut = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Single(server.Log.Errors);
    }

    [Fact]
    public async Task ErrorAfterStreamedMessages_SentInTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync(b => b.ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (_, responses, _) =>
        {
            await responses.WriteAsync(new StreamingOutputCallResponse());
            throw new RpcException(StatusCode.OutOfRange, "cursor past the end");
        }));
        using var sut = server.CreateChannel();
        using var call = sut.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Equal("cursor past the end", ex.Status.Detail);
    }
}
