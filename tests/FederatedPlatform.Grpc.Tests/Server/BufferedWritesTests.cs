using FederatedPlatform.Grpc.Tests.TestSupport;
using Google.Protobuf;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Server;

/// <summary>
/// Writes with <see cref="WriteFlags.BufferHint"/> are flushed anyway once <see cref="GrpcServerOptions.MaxBufferedResponseBytes"/>
/// are buffered, so a stream to a client that does not read holds a bounded amount and its writer waits.
/// </summary>
public sealed class BufferedWritesTests
{
    private const int MessageBytes = 16 * 1024;
    private const int Messages = 256;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BufferedWrites_ClientDoesNotRead_WriterWaitsAfterABoundedAmount(bool framed)
    {
        var firstPending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[MessageBytes]) } };
        var frames = new FramedMessages.Builder().Add(message, TestServices.StreamingOutputCall.ResponseMarshaller).Build();
        await using var sut = await TestGrpcServer.StartAsync(b => b.ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (_, responses, context) =>
        {
            responses.WriteOptions = new WriteOptions(WriteFlags.BufferHint);
            for (var i = 0; i < Messages; i++)
            {
                var write = framed
                    ? ((ISerializedMessageWriter)responses).WriteFramedAsync(frames, context.CancellationToken)
                    : responses.WriteAsync(message, context.CancellationToken);
                if (!write.IsCompleted)
                {
                    firstPending.TrySetResult(i);
                }

                await write;
            }

            // Everything was buffered without waiting once.
            firstPending.TrySetResult(Messages);
        }), expectErrors: true);
        using var channel = sut.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());
        var pendingAt = await firstPending.Task.WithTimeout();

        // The client's 64 KiB stream window, Kestrel's response buffer and one flush threshold: well under 32 messages.
        Assert.InRange(pendingAt, 1, 31);
    }
}
