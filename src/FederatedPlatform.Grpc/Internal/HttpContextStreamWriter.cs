namespace FederatedPlatform.Grpc.Internal;

internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext context, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions
    {
        get => context.WriteOptions;
        set => context.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken) =>
        context.WriteMessageAsync(message, marshaller, flush: true, cancellationToken).AsTask();
}
