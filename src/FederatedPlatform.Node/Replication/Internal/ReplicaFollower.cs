using System.Threading.Channels;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Storage.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Replication.Internal;

/// <summary>
/// Keeps the replica of the federated catalog following Hub.Watch from the stored cursor (none: a
/// snapshot first). Events are applied in batches, each batch with its cursor in one transaction, so
/// a restart resumes exactly where the rows are. Reconnects with backoff; stops on credential errors.
/// </summary>
internal sealed class ReplicaFollower(
    NodeStore store,
    HubClient hub,
    NodeHealth health,
    NodeOptions options,
    TimeProvider time,
    Random random,
    ILogger<ReplicaFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hub.IsConfigured)
        {
            return;
        }

        var backoff = new ReconnectBackoff(options.ReconnectDelayMin, options.ReconnectDelayMax, random);
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                await FollowAsync(backoff, stoppingToken);
                reason = "the hub ended the stream";
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the call was cancelled under the stream, whatever form the failure took.
                health.ReplicaDisconnected(null);
                return;
            }
            catch (RpcException e) when (HubStatusPolicy.StopsReplication(e.StatusCode))
            {
                var stop = $"Watch: {e.StatusCode}: {e.Status.Detail}";
                health.ReplicaDisconnected(stop);
                health.Stopped(stop);
                NodeLog.ReplicaStopped(logger, stop);
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

            health.ReplicaDisconnected("Watch: " + reason);
            var delay = backoff.Next();
            NodeLog.ReplicaRetry(logger, hub.WatchAddress, reason, delay);
            hub.WatchFailed();
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                health.ReplicaDisconnected(null);
                return;
            }
        }
    }

    private async Task FollowAsync(ReconnectBackoff backoff, CancellationToken stoppingToken)
    {
        var cursor = await store.GetReplicaCursorAsync(stoppingToken);
        NodeLog.ReplicaWatching(logger, hub.WatchAddress, cursor.Length == 0 ? "a snapshot" : "the stored cursor");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = hub.Watch(new WatchRequest { Cursor = cursor, Filter = new RecordFilter() }, cts.Token);

        // Reading and applying overlap: the next events arrive while a batch commits.
        var events = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(options.ReplicaBatchSize * 2)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        var read = ReadAsync(call, events.Writer, backoff, cts.Token);
        try
        {
            await ApplyAsync(events.Reader, beginsSnapshot: cursor.Length == 0, stoppingToken);
        }
        finally
        {
            await cts.CancelAsync();
            try
            {
                await read;
            }
            catch (Exception)
            {
                // The reader's failure already reached the applier through the channel.
            }
        }
    }

    private async Task ReadAsync(AsyncServerStreamingCall<WatchEvent> call, ChannelWriter<WatchEvent> events, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        try
        {
            // The hub sends its headers when it accepts the Watch: from then on the stream is open,
            // even if nothing changes for a while after a resume from the stored cursor.
            await call.ResponseHeadersAsync.WaitAsync(cancellationToken);
            health.ReplicaConnected();
            var first = true;
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                if (first)
                {
                    first = false;
                    backoff.Reset();
                }

                await events.WriteAsync(call.ResponseStream.Current, cancellationToken);
            }

            events.TryComplete();
        }
        catch (Exception e)
        {
            events.TryComplete(e);
            throw;
        }
    }

    private async Task ApplyAsync(ChannelReader<WatchEvent> events, bool beginsSnapshot, CancellationToken cancellationToken)
    {
        var batch = new List<WatchEvent>(options.ReplicaBatchSize);
        while (await events.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            while (batch.Count < options.ReplicaBatchSize && events.TryRead(out var change))
            {
                batch.Add(change);
                if (change.KindCase == WatchEvent.KindOneofCase.Reset)
                {
                    NodeLog.ReplicaReset(logger, change.Reset.Reason.ToString(), change.Reset.Message);
                }
            }

            await store.ApplyReplicaAsync(new ReplicaBatch(beginsSnapshot, [.. batch]), cancellationToken);
            beginsSnapshot = false;
            health.Contact();
        }
    }
}
