using System.Diagnostics;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// <c>catchup</c>: a hub catalog filled with N records through Publish (the ingest path), then a fresh
/// node of a new center started against it; the clock runs from the node's start until its replica
/// holds every record (Node.GetNodeStatus.replica_records, polled), and the cursor is set.
/// </summary>
public static class CatchupBenchmark
{
    public static async Task RunAsync(BenchArgs options, string dir)
    {
        var records = options.Int("records", 1_000_000);
        var nodes = options.Int("nodes", 4);
        var batch = options.Int("batch", 500);
        var window = options.Int("window", 2000);
        var pollMs = options.Int("poll-ms", 250);
        options.EnsureAllUsed();
        var perCenter = records / nodes;
        var expected = (ulong)(perCenter * nodes);

        await using var hub = await InProcessHub.StartAsync(dir, batch);
        Console.WriteLine($"catch-up: filling the hub with {expected:N0} records ({nodes} centers over Publish) ...");
        var fill = await HubIngestBenchmark.PublishAsync(hub, nodes, perCenter, window);
        Console.WriteLine($"  filled in {fill.Elapsed.TotalSeconds:0.0} s ({fill.ChangesPerSecond:N0} changes/s, all acked)");

        using var op = await HubOperator.FromTokenFileAsync(hub.Address, hub.OperatorTokenPath);
        var token = await op.RegisterCenterAsync("fresh");
        var nodePath = Path.Combine(dir, "fresh.node.db");
        var stopwatch = Stopwatch.StartNew();
        var node = NodeHost.Build([], o =>
        {
            o.CenterId = "fresh";
            o.HubAddress = hub.Address.ToString();
            o.Token = token;
            o.DatabasePath = nodePath;
            o.ListenPort = 0;
        }, b => b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error));
        await using (node)
        {
            await node.StartAsync();
            using var channel = Rpc.Channel(node.GetListenAddress());
            var invoker = channel.CreateCallInvoker();
            NodeStatus status;
            var lastPrint = TimeSpan.Zero;
            while (true)
            {
                status = await invoker.AsyncUnaryCall(Rpc.GetNodeStatus, new Grpc.CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)), new GetNodeStatusRequest()).ResponseAsync;
                if (status.Stopped)
                {
                    throw new InvalidOperationException("the node stopped: " + status.LastError);
                }

                if (status.ReplicaRecords >= expected && status.ReplicaCursor.Length > 0)
                {
                    break;
                }

                if (stopwatch.Elapsed - lastPrint >= TimeSpan.FromSeconds(5))
                {
                    lastPrint = stopwatch.Elapsed;
                    Console.WriteLine($"  ... {stopwatch.Elapsed.TotalSeconds,5:0} s: replica holds {status.ReplicaRecords:N0}");
                }

                await Task.Delay(pollMs);
            }

            var elapsed = stopwatch.Elapsed;
            if (status.ReplicaRecords != expected)
            {
                throw new InvalidOperationException($"the replica holds {status.ReplicaRecords} records, expected {expected}");
            }

            Console.WriteLine($"  fresh node replicated {status.ReplicaRecords:N0} records in {elapsed.TotalSeconds:0.0} s " +
                $"({status.ReplicaRecords / elapsed.TotalSeconds:N0} records/s; polled every {pollMs} ms; target < 30 s)");
        }

        var same = await ReplicaComparison.VerifyAsync(Path.Combine(dir, "hub.db"), nodePath);
        Console.WriteLine($"  replica equals the hub: {same.Rows:N0} live records, digest {same.Digest} on both sides; {same.PayloadsCompared:N0} sampled payloads equal");
    }
}
