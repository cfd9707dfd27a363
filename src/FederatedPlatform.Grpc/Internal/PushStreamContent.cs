using System.Net;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>
/// Request content whose bytes are written by the caller while the call runs: HTTP/2 sends the request
/// body and receives the response at the same time, which is what client and duplex streaming need.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>Ends the request body (HTTP/2 END_STREAM).</summary>
    public void Complete() => _complete.TrySetResult();

    /// <summary>Abandons the request body: the handler resets the stream instead of ending it cleanly.</summary>
    public void Abort() => _complete.TrySetCanceled();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        return _complete.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
