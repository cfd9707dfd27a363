using System.Globalization;

namespace FederatedPlatform.Bench.Federation;

/// <summary>Samples the child hub's VmRSS every 250 ms between Start and Stop, plus named marks.</summary>
public sealed class MemorySampler(ChildHub hub)
{
    private readonly List<(string Label, double MiB)> _marks = [];
    private readonly List<double> _samples = [];
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Mark(string label)
    {
        if (hub.ResidentMiB() is { } mib)
        {
            _marks.Add((label, mib));
        }
    }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            do
            {
                if (hub.ResidentMiB() is { } mib)
                {
                    lock (_samples)
                    {
                        _samples.Add(mib);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
        }, token);
    }

    public void Stop()
    {
        _stop?.Cancel();
        _loop?.Wait();
        _stop?.Dispose();
    }

    public string Report()
    {
        lock (_samples)
        {
            var marks = string.Join(", ", _marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Label} {m.MiB:0} MiB")));
            if (_samples.Count == 0)
            {
                return marks;
            }

            // Thirds of the run: a bounded hub levels off instead of climbing from third to third.
            var third = Math.Max(1, _samples.Count / 3);
            var thirds = string.Join(" / ", _samples.Chunk(third).Take(3).Select(c => c.Max().ToString("0", CultureInfo.InvariantCulture)));
            return marks + string.Create(CultureInfo.InvariantCulture,
                $"; during the run max {_samples.Max():0} MiB ({_samples.Count} samples, max per third of the run {thirds} MiB)");
        }
    }
}
