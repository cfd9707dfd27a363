using System.Diagnostics;
using FederatedPlatform.Hub;

namespace FederatedPlatform.Bench.Federation;

/// <summary>What an ingest run through the hub did, verified: every change acknowledged, none rejected, the catalog counted.</summary>
public sealed record IngestResult(double ChangesPerSecond, TimeSpan Elapsed, int Acks, (long Changes, long Records) Rows);

/// <summary>
/// N centers publish into a running hub over gRPC Publish, each on its own stream and channel with a
/// window of unacknowledged changes; the clock runs from the first hello to the last ack. Afterwards the
/// hub's federation health must report every center at its last seq.
/// </summary>
public static class HubIngestBenchmark
{
    public static async Task<(double ChangesPerSecond, TimeSpan Elapsed, int Acks)> PublishAsync(
        HubHost hub, int centers, int changesPerCenter, int window, string centerPrefix = "c")
    {
        using var op = await HubOperator.FromTokenFileAsync(hub.Address, hub.OperatorTokenPath);
        var ids = Enumerable.Range(0, centers).Select(c => centerPrefix + c).ToArray();
        var tokens = new string[centers];
        for (var c = 0; c < centers; c++)
        {
            tokens[c] = await op.RegisterCenterAsync(ids[c]);
        }

        // A node serialises records it already holds; building them is client work, so templates are made up front.
        var templates = ids.Select(id => Enumerable.Range(0, 1000).Select(i => SyntheticRecords.Create(id, i, 1)).ToArray()).ToArray();
        var channels = ids.Select(_ => Rpc.Channel(hub.Address)).ToArray();
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(ids.Select((id, c) => Task.Run(() =>
                new WindowedPublisher(channels[c].CreateCallInvoker(), tokens[c], id, window).RunAsync(changesPerCenter, i =>
                {
                    var record = templates[c][i % 1000].Clone();
                    record.Id.LocalId = "r-" + i;
                    return record;
                }))));
            var elapsed = stopwatch.Elapsed;

            foreach (var outcome in outcomes)
            {
                if (outcome.AppliedSeq != (ulong)changesPerCenter)
                {
                    throw new InvalidOperationException($"{outcome.CenterId}: acknowledged {outcome.AppliedSeq} of {changesPerCenter}");
                }
            }

            var health = await op.HealthAsync();
            foreach (var id in ids)
            {
                var center = health.Centers.SingleOrDefault(h => h.CenterId == id)
                    ?? throw new InvalidOperationException($"{id}: missing from federation health");
                if (center.AppliedSeq != (ulong)changesPerCenter || center.RejectedCount != 0)
                {
                    throw new InvalidOperationException($"{id}: health says applied {center.AppliedSeq}, rejected {center.RejectedCount}");
                }
            }

            return (centers * (double)changesPerCenter / elapsed.TotalSeconds, elapsed, outcomes.Sum(o => o.Acks));
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>A fresh hub in <paramref name="directory"/>, the publish run, the hub stopped, then its catalog counted.</summary>
    public static async Task<IngestResult> RunAsync(string directory, int centers, int changesPerCenter, int batch, int window, bool matchmaking)
    {
        (double Rate, TimeSpan Elapsed, int Acks) run;
        await using (var hub = await InProcessHub.StartAsync(directory, batch, matchmaking: matchmaking))
        {
            run = await PublishAsync(hub, centers, changesPerCenter, window);
        }

        var rows = await RowCounts.ReadAsync(Path.Combine(directory, "hub.db"));
        var expected = (long)centers * changesPerCenter;
        if (rows.Changes != expected || rows.Records != expected)
        {
            throw new InvalidOperationException($"the hub's catalog holds {rows.Changes} changes and {rows.Records} records, expected {expected} of each");
        }

        return new IngestResult(run.Rate, run.Elapsed, run.Acks, rows);
    }
}
