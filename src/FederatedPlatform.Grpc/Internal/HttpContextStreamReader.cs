namespace FederatedPlatform.Grpc.Internal;

internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext context, Marshaller<T> marshaller) : IAsyncStreamReader<T>
    where T : class
{
    private T? _current;
    private bool _completed;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return false;
        }
        _current = await context.ReadMessageAsync(marshaller, cancellationToken);
        _completed = _current is null;
        return !_completed;
    }
}
