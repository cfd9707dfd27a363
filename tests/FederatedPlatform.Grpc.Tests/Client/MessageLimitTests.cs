using FederatedPlatform.Grpc.Tests.TestSupport;
using Google.Protobuf;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Client;

public sealed class MessageLimitTests
{
    private static Task<TestGrpcServer> StartSizedServerAsync(Action<GrpcServerOptions>? configure = null, TaskCompletionSource? called = null) =>
        TestGrpcServer.StartAsync(b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", (request, _) =>
        {
            called?.TrySetResult();
            return Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } });
        }), configure);

    [Fact]
    public async Task ResponseLargerThanClientLimit_ResourceExhausted()
    {
        await using var server = await StartSizedServerAsync();
        using var sut = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest { ResponseSize = 5000 }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task RequestLargerThanClientSendLimit_ResourceExhaustedAndNothingSent()
    {
        var called = new TaskCompletionSource();
        await using var server = await StartSizedServerAsync(called: called);
        using var sut = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });

        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[500]) } };
        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, request).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.False(called.Task.IsCompleted);
    }

    [Fact]
    public async Task RequestLargerThanServerLimit_ResourceExhausted()
    {
        await using var server = await StartSizedServerAsync(o => o.MaxReceiveMessageSize = 100);
        using var sut = server.CreateChannel();

        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[500]) } };
        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, request).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task CompressedRequestInflatingPastServerLimit_ResourceExhausted()
    {
        await using var server = await StartSizedServerAsync(o => o.MaxReceiveMessageSize = 10_000);
        using var sut = server.CreateChannel();

        // 1 MB of zeros gzips to about 1 KB: the limit must apply to the inflated size.
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[1_000_000]) } };
        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, new CallOptions(compression: "gzip"), request).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ResponseLargerThanServerSendLimit_ResourceExhausted()
    {
        await using var server = await StartSizedServerAsync(o => o.MaxSendMessageSize = 100);
        using var sut = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest { ResponseSize = 500 }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }
}
