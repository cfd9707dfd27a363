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

        // Matchmaking off: its backlog after a million-record fill would compete with the node for the CPU.
        await using var hub = await InProcessHub.StartAsync(dir, batch, matchmaking: false);
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

            // A large first snapshot is indexed for search after it: the replica serves reads (and
            // follows live changes) at once, search once the background build is done.
            var searched = await SearchableAsync(invoker, pollMs);
            Console.WriteLine($"  its search index built {searched.TotalSeconds:0.0} s later ({stopwatch.Elapsed.TotalSeconds:0.0} s from the node's start)");
            await ExpectFoundAsync(invoker, nodes, perCenter);
        }

        var same = await ReplicaComparison.VerifyAsync(Path.Combine(dir, "hub.db"), nodePath);
        Console.WriteLine($"  replica equals the hub: {same.Rows:N0} live records, digest {same.Digest} on both sides; {same.PayloadsCompared:N0} sampled payloads equal");
    }

    /// <summary>Polls the node's Search until it stops answering UNAVAILABLE; returns the time waited.</summary>
    private static async Task<TimeSpan> SearchableAsync(Grpc.CallInvoker invoker, int pollMs)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await invoker.AsyncUnaryCall(Rpc.Search, new Grpc.CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)), new SearchRequest { Query = "solar" }).ResponseAsync;
                return stopwatch.Elapsed;
            }
            catch (Grpc.RpcException e) when (e.StatusCode == Grpc.StatusCode.Unavailable)
            {
                await Task.Delay(pollMs);
            }
        }
    }

    /// <summary>
    /// Record r-i's titles carry the number i % 1000 (SyntheticRecords' templates): per center, searching
    /// for the number of the last record must find exactly the records built from its template.
    /// </summary>
    private static async Task ExpectFoundAsync(Grpc.CallInvoker invoker, int nodes, int perCenter)
    {
        var number = (perCenter - 1) % 1000;
        for (var c = 0; c < nodes; c++)
        {
            var expected = Enumerable.Range(0, perCenter).Where(i => i % 1000 == number).Select(i => "r-" + i).ToHashSet();
            var found = new HashSet<string>();
            var request = new SearchRequest { Query = number.ToString(System.Globalization.CultureInfo.InvariantCulture), CenterIds = { "c" + c }, PageSize = 100 };
            do
            {
                var response = await invoker.AsyncUnaryCall(Rpc.Search, new Grpc.CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)), request).ResponseAsync;
                found.UnionWith(response.Hits.Select(h => h.Record.Id.LocalId));
                request.PageToken = response.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            if (!found.SetEquals(expected))
            {
                throw new InvalidOperationException($"search for {number} in center c{c} on the node found {found.Count} records, expected {expected.Count}: {string.Join(", ", found.Except(expected).Concat(expected.Except(found)).Take(5))}");
            }
        }

        Console.WriteLine($"  search on the node finds, in every center, exactly the {perCenter / 1000}+ records titled with {number}");
    }
}
