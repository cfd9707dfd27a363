using System.Buffers;

namespace FederatedPlatform.Grpc.Internal;

internal sealed class GrpcCallRequestWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, PushStreamContent content) : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }
        var ready = await Task.WhenAny(content.StreamTask, call.Finished);
        if (ready != content.StreamTask)
        {
            ThrowFinished();
        }
        _buffer.ResetWrittenCount();
        try
        {
            MessageCodec.Encode(_buffer, message, call.Method.RequestMarshaller, call.RequestCompression(WriteOptions), call.Channel.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            call.Finish(ex.Status, Metadata.Empty);
            throw;
        }
        var stream = content.StreamTask.Result;
        try
        {
            await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            if (!call.RequestBufferHint(WriteOptions))
            {
                await stream.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A server that ends the call at its headers (an interceptor's refusal, trailers-only) resets the
            // stream, which fails this write: report the status the server sent, not the failed write.
            await call.ResponseStarted;
            if (call.IsFinished)
            {
                ThrowFinished();
            }

            // The response is open: either the server has ended the call, with messages and its status still
            // to be read from the response stream, or the connection broke, which the reader sees too. Ending
            // the call here would replace the server's status with this write's failure, so only the write fails.
            throw new RpcException(new Status(
                StatusCode.Unavailable, "The message was not sent: the request stream is closed. The call's status comes with its responses.", ex));
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        content.Complete();
        return Task.CompletedTask;
    }

    private void ThrowFinished()
    {
        call.ThrowIfFailed();
        throw new InvalidOperationException("The call has already finished; no more messages can be sent.");
    }
}
