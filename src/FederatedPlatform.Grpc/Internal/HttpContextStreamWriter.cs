namespace FederatedPlatform.Grpc.Internal;

internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext context, Marshaller<T> marshaller) : IServerStreamWriter<T>, ISerializedMessageWriter
{
    public WriteOptions? WriteOptions
    {
        get => context.WriteOptions;
        set => context.WriteOptions = value;
    }

    private bool Flush => !(WriteOptions?.Flags ?? WriteFlags.None).HasFlag(WriteFlags.BufferHint);

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken) =>
        context.WriteMessageAsync(message, marshaller, Flush, cancellationToken).AsTask();

    public Task WriteFramedAsync(FramedMessages messages, CancellationToken cancellationToken) =>
        context.WriteFramedMessagesAsync(messages, Flush, cancellationToken).AsTask();
}
