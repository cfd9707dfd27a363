using System.Diagnostics;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Storage.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Replication.Internal;

/// <summary>
/// Builds the replica's search index in the background when the store has a build pending (after a
/// large first snapshot, or when the index was missing at open): one chunk per write transaction, so
/// live replica batches interleave with it; the position is durable, so a restart resumes the build.
/// </summary>
internal sealed class ReplicaIndexBuilder(NodeStore store, ILogger<ReplicaIndexBuilder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long indexed = 0;
        Stopwatch? clock = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the step, so a signal raised while it runs is not missed.
            var started = store.ReplicaIndexBuildStarted.Next;
            var changed = store.Changed.Next;
            ReplicaIndexStep step;
            try
            {
                step = await store.BuildReplicaIndexAsync(ReplicaIndex.ChunkSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            switch (step.Kind)
            {
                case ReplicaIndexStepKind.Indexed:
                    if (clock is null)
                    {
                        clock = Stopwatch.StartNew();
                        NodeLog.ReplicaIndexBuilding(logger);
                    }

                    indexed += step.Indexed;
                    continue;
                case ReplicaIndexStepKind.Completed:
                    NodeLog.ReplicaIndexBuilt(logger, indexed + step.Indexed, clock?.Elapsed ?? TimeSpan.Zero);
                    (indexed, clock) = (0, null);
                    continue;
                case ReplicaIndexStepKind.WaitingForSnapshot:
                    await WaitAsync(changed, stoppingToken);
                    break;
                default:
                    // NoBuild: nothing to do until a snapshot may start one.
                    await WaitAsync(started, stoppingToken);
                    break;
            }
        }
    }

    private static async Task WaitAsync(Task signal, CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
