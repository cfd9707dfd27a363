using FederatedPlatform.Grpc.Tests.TestSupport;
using Grpc.Testing;
using Microsoft.AspNetCore.Http.Features;

namespace FederatedPlatform.Grpc.Tests.Client;

/// <summary>Deadlines and cancellation, both ways: what the client reports and what the server handler observes.</summary>
public sealed class DeadlineAndCancellationTests
{
    private static async Task<(TestGrpcServer Server, TaskCompletionSource<DateTime> ServerSawCancel)> StartWaitingServerAsync(TaskCompletionSource? started = null)
    {
        var sawCancel = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TestGrpcServer.StartAsync(b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", async (_, context) =>
        {
            context.CancellationToken.Register(() => sawCancel.TrySetResult(context.Deadline));
            started?.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new SimpleResponse();
        }));
        return (server, sawCancel);
    }

    // A deadline can pass before the server has read the request and invoked the handler (the call then ends
    // DEADLINE_EXCEEDED without it). The server answers only after the handler returned, so a handler that ran
    // has been seen starting by then; each attempt doubles the deadline until one reaches the handler.
    private static readonly TimeSpan[] Deadlines = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)];

    [Fact]
    public async Task ClientDeadline_Passes_ClientGetsDeadlineExceededAndServerHandlerIsCancelled()
    {
        foreach (var deadline in Deadlines)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (server, sawCancel) = await StartWaitingServerAsync(started);
            await using var sut = server;
            using var channel = sut.CreateChannel();

            var call = channel.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, new CallOptions(deadline: DateTime.UtcNow.Add(deadline)), new SimpleRequest());

            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
            Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
            if (started.Task.IsCompleted)
            {
                var serverDeadline = await sawCancel.Task.WithTimeout();
                Assert.NotEqual(DateTime.MaxValue, serverDeadline);
                return;
            }
        }
        Assert.Fail("no deadline reached the server handler");
    }

    [Fact]
    public async Task ServerDeadline_FromGrpcTimeoutHeader_AnswersDeadlineExceeded()
    {
        foreach (var deadline in Deadlines)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (server, sawCancel) = await StartWaitingServerAsync(started);
            await using var sut = server;

            // No client-side timer here: the server alone must enforce grpc-timeout.
            var result = await RawGrpc.SendAsync(sut.Port, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(new SimpleRequest()),
                new Dictionary<string, string> { ["grpc-timeout"] = $"{(int)deadline.TotalMilliseconds}m" });

            Assert.Equal((int)StatusCode.DeadlineExceeded, result.GrpcStatus);
            if (started.Task.IsCompleted)
            {
                await sawCancel.Task.WithTimeout();
                return;
            }
        }
        Assert.Fail("no grpc-timeout reached the server handler");
    }

    [Fact]
    public async Task ExpiredDeadline_FailsWithoutSending()
    {
        var (server, sawCancel) = await StartWaitingServerAsync();
        await using var sut = server;
        using var channel = sut.CreateChannel();

        var call = channel.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1)), new SimpleRequest());

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.False(sawCancel.Task.IsCompleted);
    }

    [Fact]
    public async Task ClientCancels_ClientGetsCancelledAndServerHandlerIsCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (server, sawCancel) = await StartWaitingServerAsync(started);
        await using var sut = server;
        using var channel = sut.CreateChannel();
        using var cts = new CancellationTokenSource();

        var call = channel.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, new CallOptions(cancellationToken: cts.Token), new SimpleRequest());
        await started.Task.WithTimeout();
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await sawCancel.Task.WithTimeout();
    }

    [Fact]
    public async Task DisposingUnfinishedStreamingCall_CancelsServerHandler()
    {
        var sawCancel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sut = await TestGrpcServer.StartAsync(b => b.ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (_, responses, context) =>
        {
            context.CancellationToken.Register(() => sawCancel.TrySetResult());
            await responses.WriteAsync(new StreamingOutputCallResponse());
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }));
        using var channel = sut.CreateChannel();
        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        call.Dispose();

        await sawCancel.Task.WithTimeout();
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientResetsDuplexWhileServerReads_HandlerEndsCancelledWithoutLoggingAnError()
    {
        var handlerEnded = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sut = await TestGrpcServer.StartAsync(b => b.DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", async (requests, _, context) =>
        {
            try
            {
                while (await requests.MoveNext(CancellationToken.None))
                {
                    firstRead.TrySetResult();
                }
                handlerEnded.TrySetResult(null);
            }
            catch (Exception ex)
            {
                handlerEnded.TrySetResult(ex);
                throw;
            }
        }));
        using var channel = sut.CreateChannel();
        var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(TestServices.FullDuplexCall, default);
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest()).WithTimeout();
        await firstRead.Task.WithTimeout();

        call.Dispose();

        var ended = await handlerEnded.Task.WithTimeout();
        Assert.True(ended is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException, ended?.ToString());
    }

    [Fact]
    public async Task ServerEndsDuplexWithStatus_ClientKeepsWriting_WritesFailButTheCallEndsWithTheServersStatus()
    {
        await using var sut = await TestGrpcServer.StartAsync(b => b.DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", async (requests, responses, _) =>
        {
            await requests.MoveNext(CancellationToken.None);
            await responses.WriteAsync(new StreamingOutputCallResponse());
            throw new RpcException(new Status(StatusCode.OutOfRange, "no more, thanks"));
        }));
        using var channel = sut.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(TestServices.FullDuplexCall, default);
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest()).WithTimeout();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        // The server has ended the call (or is about to): writes fail once its end reaches the client.
        RpcException? writeError = null;
        for (var i = 0; i < 10_000 && writeError is null; i++)
        {
            writeError = await Record.ExceptionAsync(() => call.RequestStream.WriteAsync(new StreamingOutputCallRequest()).WithTimeout()) as RpcException;
        }

        var end = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.NotNull(writeError);
        Assert.Equal(StatusCode.OutOfRange, end.StatusCode);
        Assert.Equal("no more, thanks", end.Status.Detail);
        Assert.Equal(StatusCode.OutOfRange, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerResetsStream_ClientGetsCancelled()
    {
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sut = await TestGrpcServer.StartAsync(b => b.ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (_, responses, context) =>
        {
            await responses.WriteAsync(new StreamingOutputCallResponse());
            await firstRead.Task.WaitAsync(context.CancellationToken);
            context.GetHttpContext().Features.GetRequiredFeature<IHttpResetFeature>().Reset(0x8);
        }));
        using var channel = sut.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        firstRead.SetResult();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task NoServerListening_ClientGetsUnavailable()
    {
        int port;
        await using (var server = await TestGrpcServer.StartAsync(b => b))
        {
            port = server.Port;
        }
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
