using FederatedPlatform.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Internal;

/// <summary>
/// Opens the store (schema, WAL, producer epoch) before any hosted service starts — Kestrel included —
/// so no call and no stream ever sees an unopened store, and a wrong file stops the start.
/// </summary>
internal sealed class NodeStartup(NodeStore store, HubClient hub, ILogger<NodeStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.OpenAsync(cancellationToken);
        NodeLog.StoreOpened(logger, store.CenterId, store.DatabasePath, store.ProducerEpoch, store.LastSeq);
        if (!hub.IsConfigured)
        {
            NodeLog.NoHub(logger);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
