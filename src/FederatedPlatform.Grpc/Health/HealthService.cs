using System.Collections.Concurrent;
using System.Threading.Channels;
using FederatedPlatform.Grpc.Health.V1;
using ServingStatus = FederatedPlatform.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FederatedPlatform.Grpc;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service. The overall status (service name "") starts as
/// SERVING; every mapped service is SERVING once mapped. Applications change statuses with <see cref="SetStatus"/>.
/// </summary>
public sealed class HealthService
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Lock _watchersLock = new();
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Creates the service with the overall status SERVING.</summary>
    public HealthService() => _statuses[string.Empty] = ServingStatus.Serving;

    /// <summary>Sets the status of a service ("" for the whole server) and tells its watchers.</summary>
    public void SetStatus(string service, bool serving)
    {
        var status = serving ? ServingStatus.Serving : ServingStatus.NotServing;
        _statuses[service] = status;
        lock (_watchersLock)
        {
            if (_watchers.TryGetValue(service, out var channels))
            {
                foreach (var channel in channels)
                {
                    channel.Writer.TryWrite(status);
                }
            }
        }
    }

    /// <summary>Marks every service NOT_SERVING, e.g. while the host shuts down.</summary>
    public void SetAllNotServing()
    {
        foreach (var service in _statuses.Keys)
        {
            SetStatus(service, serving: false);
        }
    }

    internal Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        _statuses.TryGetValue(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");

    internal async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // Only the latest status matters to a watcher, so a slow one keeps one pending value and never grows.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_watchersLock)
        {
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                _watchers[request.Service] = list = [];
            }
            list.Add(channel);
        }
        try
        {
            var last = _statuses.GetValueOrDefault(request.Service, ServingStatus.ServiceUnknown);
            channel.Writer.TryWrite(last);
            var sentAny = false;
            await foreach (var status in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (sentAny && status == last)
                {
                    continue;
                }
                await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                last = status;
                sentAny = true;
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away: the normal end of a Watch.
        }
        finally
        {
            lock (_watchersLock)
            {
                _watchers[request.Service].Remove(channel);
            }
        }
    }

    internal void MarkServing(string service) => _statuses.TryAdd(service, ServingStatus.Serving);
}
