using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Publishing.Internal;

/// <summary>
/// Keeps one Publish stream to the hub open for as long as the node runs: reconnects with
/// exponential backoff and full jitter, and stops for good on answers that retrying cannot fix.
/// </summary>
internal sealed class Publisher(
    NodeStore store,
    HubClient hub,
    NodeHealth health,
    NodeOptions options,
    TimeProvider time,
    Random random,
    ILogger<Publisher> logger,
    PublishProbe? probe = null) : BackgroundService
{
    private readonly ResyncDemand _resync = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hub.IsConfigured)
        {
            return;
        }

        var backoff = new ReconnectBackoff(options.ReconnectDelayMin, options.ReconnectDelayMax, random);
        while (!stoppingToken.IsCancellationRequested)
        {
            var session = new PublishSession(store, hub, health, options, time, _resync, logger, probe);
            string reason;
            try
            {
                await session.RunAsync(stoppingToken);
                reason = "the hub ended the stream";
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the call was cancelled under the stream, whatever form the failure took.
                health.PublishDisconnected(null);
                return;
            }
            catch (RpcException e) when (HubStatusPolicy.StopsPublishing(e.StatusCode))
            {
                var stop = $"Publish: {e.StatusCode}: {e.Status.Detail}";
                health.Stopped(stop);
                NodeLog.PublishStopped(logger, stop);
                return;
            }
            catch (RpcException e)
            {
                reason = $"{e.StatusCode}: {e.Status.Detail}";
            }
            catch (Exception e)
            {
                reason = e.Message;
            }

            if (session.Welcomed)
            {
                backoff.Reset();
            }

            health.PublishDisconnected("Publish: " + reason);
            var delay = backoff.Next();
            NodeLog.PublishRetry(logger, hub.PublishAddress, reason, delay);
            hub.PublishFailed();
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                health.PublishDisconnected(null);
                return;
            }
        }
    }
}
