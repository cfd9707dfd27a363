using System.Diagnostics;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// <c>fanout</c>: the hub in a child process; W Watch streams (no cursor, no filter: empty snapshot, then
/// live) spread over several channels from this process; one center publishing at a steady rate from a
/// process of its own (<see cref="FanoutPublisher"/>), as a node does. Each change's send time (taken right
/// before the publisher writes it, shared through <see cref="SharedTimestamps"/>) is compared with its
/// arrival at every watcher, and with its ack. Every watcher must receive every change exactly once, in order, and nothing but those upserts.
/// Watchers decode only each event's kind and change index (<see cref="WatchEventProbe"/>), not the records.
/// </summary>
public static class FanoutBenchmark
{
    /// <param name="options">The fan-out options.</param>
    /// <param name="dir">Scratch directory.</param>
    /// <param name="postgres">A PostgreSQL catalog (an empty database) instead of the SQLite file.</param>
    /// <param name="instances">2: the publisher publishes through one hub instance, the watchers watch through another on the same database.</param>
    public static async Task RunAsync(BenchArgs options, string dir, string? postgres = null, int instances = 1)
    {
        var watchers = options.Int("watchers", 1000);
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 20);
        var warmup = options.Int("warmup", 2);
        var channelCount = options.Int("channels", 10);
        var window = options.Int("window", 256);
        var cli = options.String("cli") ?? ChildHub.DefaultCliPath();
        var matchmaking = options.Flag("matchmaking");
        options.EnsureAllUsed();
        var total = rate * seconds;
        var warmupChanges = Math.Min(total, rate * warmup);

        // One reader credential holds every watcher, so its per-credential limits are raised to fit them.
        string[] settings =
        [
            $"--Hub:MaxStreamsPerCredential={watchers + 16}",
            $"--Hub:RequestBurstPerCredential={watchers + 200}",
            $"--Hub:MaxQueuedSnapshots={watchers + 16}",
            // Off unless asked for: at ~1 ms of CPU per change it would take a core from the fan-out it runs beside.
            $"--Hub:Matchmaking={matchmaking}",
            .. postgres is null ? Array.Empty<string>() : [$"--Hub:PostgresConnectionString={postgres}"],
        ];
        await using var hub = await ChildHub.StartAsync(cli, dir, settings);
        await using var publishHub = instances > 1 ? await ChildHub.StartAsync(cli, Directory.CreateDirectory(Path.Combine(dir, "second")).FullName, settings) : null;
        var memory = new MemorySampler(hub);
        Console.WriteLine($"fan-out: {(postgres is null ? "SQLite" : $"PostgreSQL, {instances} instance(s)")}; hub pid {hub.ProcessId} at {hub.Address}" +
            (publishHub is null ? string.Empty : $", publisher through pid {publishHub.ProcessId} at {publishHub.Address}") +
            $"; {watchers} watchers over {channelCount} channels; 1 publisher at {rate}/s for {seconds} s ({total:N0} changes, window {window}); first {warmup} s not in the latency figures; hub matchmaking {(matchmaking ? "on" : "off")}");
        memory.Mark("hub started");

        using var op = await HubOperator.FromTokenFileAsync(hub.Address, hub.OperatorTokenPath);
        var publisherToken = await op.RegisterCenterAsync("pub");
        var readerToken = await op.IssueAsync(Role.Reader);

        var channels = Enumerable.Range(0, channelCount).Select(_ => Rpc.Channel(hub.Address)).ToArray();
        using var stop = new CancellationTokenSource();
        // The publisher runs in a process of its own, as a node does; it writes each change's send time here.
        var timesPath = Path.Combine(dir, "fanout-times");
        using var sentAt = SharedTimestamps.Create(timesPath, total);
        var histogram = new LatencyHistogram();
        var states = new WatcherState[watchers];
        var tasks = new Task[watchers];
        var attach = Stopwatch.StartNew();
        for (var w = 0; w < watchers; w++)
        {
            states[w] = new WatcherState(total);
            var state = states[w];
            var invoker = channels[w % channelCount].CreateCallInvoker();
            tasks[w] = Task.Run(() => WatchAsync(invoker, readerToken, state, sentAt, warmupChanges, histogram, stop.Token));
        }

        var allReady = Task.WhenAll(states.Select(s => s.Ready.Task));
        if (await Task.WhenAny(allReady, Task.WhenAny(tasks), Task.Delay(TimeSpan.FromSeconds(120))) != allReady)
        {
            var failure = tasks.FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException;
            throw new InvalidOperationException($"only {states.Count(s => s.Ready.Task.IsCompleted)} of {watchers} watchers completed their snapshot", failure);
        }

        Console.WriteLine($"  {watchers} watchers live after {attach.Elapsed.TotalSeconds:0.0} s");
        memory.Mark("watchers live");
        memory.Start();

        var hubCpu0 = hub.CpuTime();
        var benchCpu0 = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var published = await FanoutPublisher.RunChildAsync((publishHub ?? hub).Address, publisherToken, total, rate, window, timesPath);
        var publishSeconds = clock.Elapsed.TotalSeconds;

        var allDone = Task.WhenAll(states.Select(s => s.Done.Task));
        var finished = await Task.WhenAny(allDone, Task.Delay(TimeSpan.FromSeconds(60))) == allDone;
        var drainSeconds = clock.Elapsed.TotalSeconds - publishSeconds;
        memory.Stop();
        memory.Mark("end");
        await stop.CancelAsync();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        var wall = clock.Elapsed.TotalSeconds;
        var hubCpu = (hub.CpuTime() - hubCpu0).TotalSeconds;
        var benchCpu = (Environment.CpuUsage.TotalTime - benchCpu0).TotalSeconds;
        var ackHistogram = new LatencyHistogram();
        for (var i = warmupChanges; i < total; i++)
        {
            ackHistogram.Record(sentAt.Acked(i) - sentAt.Sent(i));
        }

        var delivered = states.Sum(s => (long)s.Received);
        Console.WriteLine($"  delivered {delivered:N0} of {(long)total * watchers:N0} events in {wall:0.0} s ({delivered / wall:N0} deliveries/s); " +
            $"CPU used: hub {hubCpu:0.0} s ({hubCpu / wall:0.00} cores), this process (watchers) {benchCpu:0.0} s ({benchCpu / wall:0.00} cores), " +
            $"publisher process {published.CpuSeconds:0.0} s; load average {LoadAverage.Read()}");
        var complete = states.Count(s => s.Received == total);
        var duplicates = states.Sum(s => s.Duplicates);
        var outOfOrder = states.Sum(s => s.OutOfOrder);
        var unexpected = states.Sum(s => s.Unexpected);
        var failed = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message).Distinct().Take(3).ToList();
        Console.WriteLine($"  published {published.AppliedSeq:N0} changes in {published.Seconds:0.0} s ({published.AppliedSeq / published.Seconds:N0}/s, {published.Acks:N0} acks); " +
            $"all watchers done {drainSeconds:0.0} s after the last ack");
        Console.WriteLine($"  delivery: {complete} of {watchers} watchers received all {total:N0} changes; {duplicates} duplicates; {outOfOrder} out of order; {unexpected} unexpected events " +
            "(watchers decode each event's kind and the change index in its record id, and skip the rest)" +
            (failed.Count > 0 ? "; errors: " + string.Join(" | ", failed) : string.Empty));
        if (!finished || complete != watchers || duplicates != 0 || outOfOrder != 0 || unexpected != 0)
        {
            throw new InvalidOperationException("fan-out incomplete: no latency figure is printed for a run that lost, repeated or added events");
        }

        Console.WriteLine($"  publish->delivery latency over {histogram.Count:N0} deliveries: p50 {histogram.QuantileMs(0.50):0.0} ms, p99 {histogram.QuantileMs(0.99):0.0} ms, " +
            $"p99.9 {histogram.QuantileMs(0.999):0.0} ms, max {histogram.MaxMs:0.0} ms (target p99 < 100 ms)");
        Console.WriteLine($"  publish->ack latency (the hub's intake and durable commit, before any fan-out) over {ackHistogram.Count:N0} changes: " +
            $"p50 {ackHistogram.QuantileMs(0.50):0.0} ms, p99 {ackHistogram.QuantileMs(0.99):0.0} ms, max {ackHistogram.MaxMs:0.0} ms");
        Console.WriteLine($"  hub VmRSS: {memory.Report()}");
    }

    private static async Task WatchAsync(CallInvoker invoker, string token, WatcherState state, SharedTimestamps sentAt, int warmupChanges, LatencyHistogram histogram, CancellationToken cancellationToken)
    {
        using var call = invoker.AsyncServerStreamingCall(WatchEventProbe.Watch, new CallOptions(Rpc.Bearer(token), cancellationToken: cancellationToken), new WatchRequest());
        var stream = call.ResponseStream;
        while (await stream.MoveNext(cancellationToken))
        {
            var now = Stopwatch.GetTimestamp();
            var e = stream.Current;
            switch (e.Kind)
            {
                case WatchEvent.KindOneofCase.SnapshotComplete when !state.Ready.Task.IsCompleted:
                    state.Ready.TrySetResult();
                    break;
                case WatchEvent.KindOneofCase.Upsert when state.Ready.Task.IsCompleted:
                    // One publisher: change i is catalog change i + 1, so in order means exactly i == Received.
                    var i = e.Index;
                    if (i < state.Received)
                    {
                        state.Duplicates++;
                        break;
                    }

                    if (i > state.Received)
                    {
                        state.OutOfOrder++;
                        break;
                    }

                    if (i >= warmupChanges)
                    {
                        histogram.Record(now - sentAt.Sent(i));
                    }

                    if (++state.Received == state.Total)
                    {
                        state.Done.TrySetResult();
                    }

                    break;
                case WatchEvent.KindOneofCase.Bookmark:
                    break;
                default:
                    state.Unexpected++;
                    break;
            }
        }
    }

    private sealed class WatcherState(int total)
    {
        public int Total { get; } = total;

        public int Received { get; set; }

        public int Duplicates { get; set; }

        public int OutOfOrder { get; set; }

        public int Unexpected { get; set; }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
