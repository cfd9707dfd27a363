using System.Diagnostics;
using System.Globalization;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// The fan-out's publisher in a process of its own, as a node is: one center publishing change i at i/rate
/// seconds (the changes already due written with one flush, as a node writes a page of its outbox), window
/// as given. Send and ack times go to <see cref="SharedTimestamps"/>; the outcome is one line on stdout.
/// In the watchers' process it waited behind a thousand watchers' reads in the same thread pool and sent
/// nothing for a second at a time while the hub sat idle.
/// </summary>
public static class FanoutPublisher
{
    private const string ResultPrefix = "published ";

    /// <summary>What the publisher process reports.</summary>
    public readonly record struct Result(ulong AppliedSeq, int Acks, double Seconds, double CpuSeconds);

    /// <summary>The child's side: <c>fanout-publisher --address --token --count --rate --window --times</c>.</summary>
    public static async Task RunAsync(BenchArgs options)
    {
        var address = new Uri(options.String("address") ?? throw new ArgumentException("--address"));
        var token = options.String("token") ?? throw new ArgumentException("--token");
        var count = options.Int("count", 0);
        var rate = options.Int("rate", 1000);
        var window = options.Int("window", 256);
        var times = options.String("times") ?? throw new ArgumentException("--times");
        options.EnsureAllUsed();

        using var shared = SharedTimestamps.Open(times, count);
        using var channel = Rpc.Channel(address);
        var template = SyntheticRecords.Create("pub", 0, 1);
        var cpu0 = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var outcome = await new WindowedPublisher(channel.CreateCallInvoker(), token, "pub", window).RunAsync(
            count,
            i =>
            {
                var record = template.Clone();
                record.Id.LocalId = "r-" + i.ToString(CultureInfo.InvariantCulture);
                return record;
            },
            i => TimeSpan.FromSeconds(i / (double)rate) - clock.Elapsed,
            i => shared.SetSent(i, Stopwatch.GetTimestamp()),
            (from, to) =>
            {
                var now = Stopwatch.GetTimestamp();
                for (var i = from; i < to; i++)
                {
                    shared.SetAcked(i, now);
                }
            });
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix}{outcome.AppliedSeq} {outcome.Acks} {seconds:R} {cpu:R}"));
    }

    /// <summary>The parent's side: runs the publisher process to its end.</summary>
    public static async Task<Result> RunChildAsync(Uri address, string token, int count, int rate, int window, string timesPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[typeof(FanoutPublisher).Assembly.Location, "fanout-publisher", "--address", address.ToString(), "--token", token,
                     "--count", Number(count), "--rate", Number(rate), "--window", Number(window), "--times", timesPath])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the publisher process");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = lines.LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"the publisher process failed (exit {process.ExitCode}):\n{string.Join('\n', lines.TakeLast(10))}\n{await stderr}");
        }

        var parts = result[ResultPrefix.Length..].Split(' ');
        return new Result(
            ulong.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
